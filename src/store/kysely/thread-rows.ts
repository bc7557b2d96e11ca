import type { Kysely, Selectable } from "kysely";
import { compareIds } from "../../domain/compare-ids.js";
import type { Attachment, Mailbox, StoredMessage, Thread } from "../../domain/messaging/records.js";
import type { Database } from "../schema.js";

export function toStoredMessage(row: Selectable<Database["messages"]>): StoredMessage {
  return {
    id: row.id,
    threadId: row.thread_id,
    senderMemberId: row.sender_member_id,
    authorIdentity: row.author_identity,
    mailbox: row.mailbox as Mailbox,
    inMail: row.kind === "INMAIL",
    subject: row.subject,
    text: row.body_text,
    attachments: JSON.parse(row.attachments) as Attachment[],
    activityId: row.activity_id,
    createdAt: Number(row.created_at),
    deliveredAt: Number(row.delivered_at),
  };
}

export async function loadThreads(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, Thread>> {
  const threads = new Map<string, Thread>();
  if (ids.length === 0) return threads;
  const rows = await db
    .selectFrom("threads")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
  const participants = await db
    .selectFrom("thread_participants")
    .selectAll()
    .where("thread_id", "in", [...ids])
    .orderBy("joined_at")
    .orderBy("member_id")
    .execute();
  for (const row of rows) {
    threads.set(row.id, {
      id: row.id,
      creatorMemberId: row.creator_member_id,
      creatorIdentity: row.creator_identity,
      subject: row.subject,
      createdAt: Number(row.created_at),
      lastMessageAt: Number(row.last_message_at),
      participants: [],
    });
  }
  for (const p of participants) {
    threads.get(p.thread_id)?.participants.push({
      memberId: p.member_id,
      identity: p.identity,
      joinedAt: Number(p.joined_at),
    });
  }
  // Sorted here rather than by the database, whose collation may differ between servers.
  for (const thread of threads.values()) {
    thread.participants.sort(
      (a, b) => a.joinedAt - b.joinedAt || compareIds(a.memberId, b.memberId),
    );
  }
  return threads;
}
