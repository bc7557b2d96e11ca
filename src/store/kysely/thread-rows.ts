import type { Kysely, Selectable } from "kysely";
import { compareIds } from "../../domain/compare-ids.js";
import type { Attachment, Mailbox, StoredMessage, Thread } from "../../domain/messaging/records.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import { inList, listParam, type Reader } from "./reader.js";

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

type ThreadRow = Selectable<Database["threads"]>;
type ParticipantRow = Selectable<Database["thread_participants"]>;

/** The threads `ids` with their participants, inside a transaction (`db`). */
export async function loadThreads(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, Thread>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("threads")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
  const participants = await db
    .selectFrom("thread_participants")
    .selectAll()
    .where("thread_id", "in", [...ids])
    .execute();
  return assembleThreads(rows, participants);
}

/**
 * The same, read on the store's read path (committed data, cached statements): what a
 * capture reads before it takes its locks, so it never waits behind a commit in flight.
 */
export async function readThreads(
  read: Reader,
  dialect: DialectName,
  ids: readonly string[],
): Promise<Map<string, Thread>> {
  if (ids.length === 0) return new Map();
  const list = listParam(dialect, ids);
  return read(async (rows) =>
    assembleThreads(
      (await rows(`SELECT * FROM threads WHERE id IN ${inList(dialect, 1)}`, [
        list,
      ])) as ThreadRow[],
      (await rows(`SELECT * FROM thread_participants WHERE thread_id IN ${inList(dialect, 1)}`, [
        list,
      ])) as ParticipantRow[],
    ),
  );
}

function assembleThreads(
  rows: readonly ThreadRow[],
  participants: readonly ParticipantRow[],
): Map<string, Thread> {
  const threads = new Map<string, Thread>();
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
