import type { Kysely } from "kysely";
import type {
  CaptureResult,
  MessageDraft,
  StoredMessage,
  Thread,
} from "../../domain/messaging/records.js";
import type { Member } from "../../domain/records.js";
import { AppError } from "../../errors.js";
import { personUrn } from "../../urn.js";
import type { DialectName } from "../dialects.js";
import type { MessageRenderer } from "../messaging-store.js";
import type { Database } from "../schema.js";
import { allocateSequenceIds } from "./ids.js";
import { compareIds, loadThreads } from "./thread-rows.js";
import { advanceWatermarks, type LockedTransaction } from "./write-transaction.js";

const SIBLING_LIMIT = 10;
const INSERT_CHUNK = 500;

type EventInsert = Database["compliance_events"];

/**
 * The body of the capture transaction; the caller holds every participant's member lock.
 *
 * Why this cannot lose an event: `now` was read after the locks, so it is at or after the
 * commit of every earlier transaction touching these members; each owner's processedAt is
 * max(now, watermark), so it is never below anything already visible for that owner, and the
 * watermark moves up with it before commit. A poller whose cursor is at the largest visible
 * processedAt therefore still sees (inclusively) every event committed after it looked.
 */
export async function storeMessagesLocked(
  tx: LockedTransaction,
  dialect: DialectName,
  drafts: readonly MessageDraft[],
  render: MessageRenderer,
): Promise<CaptureResult[]> {
  const { db, nowMs } = tx;
  const threads = await loadThreads(db, [...new Set(drafts.map((d) => d.thread.id))]);
  const memberIds = new Set<string>();
  for (const d of drafts) {
    memberIds.add(d.senderMemberId);
    if (d.thread.kind === "new") for (const p of d.thread.participants) memberIds.add(p.memberId);
    for (const p of threads.get(d.thread.id)?.participants ?? []) memberIds.add(p.memberId);
  }
  const profiles = await loadProfiles(db, [...memberIds]);
  const regulatedBy = await loadOpenAuthorizations(db, [...memberIds]);
  const seqs = await allocateSequenceIds(db, dialect, "message_seq", drafts.length);

  const results: CaptureResult[] = [];
  const events: EventInsert[] = [];
  const processedAtByOwner = new Map<string, number>();
  for (const [index, draft] of drafts.entries()) {
    const thread = await ensureThread(db, threads, draft, nowMs);
    const message: StoredMessage = {
      id: draft.id,
      threadId: thread.id,
      senderMemberId: draft.senderMemberId,
      authorIdentity: draft.authorIdentity,
      mailbox: draft.mailbox,
      inMail: draft.inMail,
      subject: draft.subject,
      text: draft.text,
      attachments: draft.attachments,
      activityId: draft.activityId,
      createdAt: nowMs,
      deliveredAt: nowMs,
    };
    const rendered = render(message, thread, profiles);
    const siblings = await db
      .selectFrom("messages")
      .select("activity_json")
      .where("thread_id", "=", thread.id)
      .orderBy("seq", "desc")
      .limit(SIBLING_LIMIT)
      .execute();
    await db
      .insertInto("messages")
      .values({
        id: message.id,
        seq: seqs[index]!,
        thread_id: thread.id,
        sender_member_id: message.senderMemberId,
        author_identity: message.authorIdentity,
        mailbox: message.mailbox,
        kind: message.inMail ? "INMAIL" : "MESSAGE",
        subject: message.subject,
        body_text: message.text,
        attachments: JSON.stringify(message.attachments),
        activity_id: message.activityId,
        created_at: message.createdAt,
        delivered_at: message.deliveredAt,
        activity_json: JSON.stringify(rendered.activity),
        processed_activity_json: JSON.stringify(rendered.processedActivity),
        siblings_json: `[${siblings.map((s) => s.activity_json).join(",")}]`,
      })
      .execute();
    await db
      .updateTable("threads")
      .set({ last_message_at: nowMs })
      .where("id", "=", thread.id)
      .execute();

    const capturedFor: CaptureResult["capturedFor"] = [];
    for (const participant of thread.participants) {
      const owner = participant.memberId;
      const processedAt = Math.max(nowMs, tx.watermarks.get(owner) ?? 0);
      // Every open authorization read under the lock committed before this message; the
      // time test only holds back an opt-in a seed dated ahead of this owner's timeline.
      const open = (regulatedBy.get(owner) ?? []).filter((a) => a.regulatedAt <= processedAt);
      for (const { applicationId } of open) {
        events.push({
          id: 0,
          application_id: Number(applicationId),
          owner_member_id: owner,
          message_id: message.id,
          actor: personUrn(owner === message.senderMemberId ? owner : message.senderMemberId),
          activity_status: "SUCCESS",
          captured_at: nowMs,
          processed_at: processedAt,
        });
        capturedFor.push({ owner: personUrn(owner), application: applicationId });
        processedAtByOwner.set(owner, processedAt);
      }
    }
    results.push({ message, capturedFor });
  }

  // Ids are allocated inside the locks, so (processedAt, id) also grows in commit order.
  const ids = await allocateSequenceIds(db, dialect, "event_ids", events.length);
  events.forEach((event, i) => {
    event.id = ids[i]!;
  });
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    await db
      .insertInto("compliance_events")
      .values(events.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  await advanceWatermarks(db, processedAtByOwner);
  return results;
}

async function ensureThread(
  db: Kysely<Database>,
  threads: Map<string, Thread>,
  draft: MessageDraft,
  nowMs: number,
): Promise<Thread> {
  const known = threads.get(draft.thread.id);
  if (draft.thread.kind === "reply") {
    if (!known) throw new AppError("NOT_FOUND", `No thread ${draft.thread.id}`);
    if (!known.participants.some((p) => p.memberId === draft.senderMemberId)) {
      throw new AppError("INVALID_BODY", "The sender is not a participant of this thread");
    }
    return known;
  }
  if (known) throw new AppError("CONFLICT", `Thread ${draft.thread.id} already exists`);
  const thread: Thread = {
    id: draft.thread.id,
    creatorMemberId: draft.senderMemberId,
    creatorIdentity: draft.authorIdentity,
    subject: draft.subject,
    createdAt: nowMs,
    lastMessageAt: nowMs,
    // Stored participants are read back in member order (thread-rows.ts); render the first
    // message in that order too, so `thread~.membership` is the same on every message.
    participants: draft.thread.participants
      .map((p) => ({ ...p, joinedAt: nowMs }))
      .sort((a, b) => compareIds(a.memberId, b.memberId)),
  };
  await db
    .insertInto("threads")
    .values({
      id: thread.id,
      creator_member_id: thread.creatorMemberId,
      creator_identity: thread.creatorIdentity,
      subject: thread.subject,
      created_at: nowMs,
      last_message_at: nowMs,
    })
    .execute();
  await db
    .insertInto("thread_participants")
    .values(
      thread.participants.map((p) => ({
        thread_id: thread.id,
        member_id: p.memberId,
        identity: p.identity,
        joined_at: nowMs,
      })),
    )
    .execute();
  threads.set(thread.id, thread);
  return thread;
}

async function loadProfiles(
  db: Kysely<Database>,
  memberIds: string[],
): Promise<Map<string, Member>> {
  const rows =
    memberIds.length === 0
      ? []
      : await db.selectFrom("members").selectAll().where("id", "in", memberIds).execute();
  const profiles = new Map<string, Member>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        firstName: r.first_name,
        lastName: r.last_name,
        salesIdentityId: r.sales_identity_id,
        createdAt: Number(r.created_at),
      },
    ]),
  );
  const missing = memberIds.find((id) => !profiles.has(id));
  if (missing) throw new AppError("NOT_FOUND", `No member ${missing}`);
  return profiles;
}

type OpenAuthorization = { applicationId: string; regulatedAt: number };

/** Each member's open authorizations (opted in, not opted out), by application id. */
async function loadOpenAuthorizations(
  db: Kysely<Database>,
  memberIds: string[],
): Promise<Map<string, OpenAuthorization[]>> {
  const byMember = new Map<string, OpenAuthorization[]>();
  if (memberIds.length === 0) return byMember;
  const rows = await db
    .selectFrom("compliance_authorizations")
    .select(["member_id", "application_id", "regulated_at"])
    .where("member_id", "in", memberIds)
    .where("opted_out_at", "is", null)
    .orderBy("application_id")
    .execute();
  for (const row of rows) {
    const list = byMember.get(row.member_id) ?? [];
    list.push({ applicationId: String(row.application_id), regulatedAt: Number(row.regulated_at) });
    byMember.set(row.member_id, list);
  }
  return byMember;
}
