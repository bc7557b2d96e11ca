import type { Insertable } from "kysely";
import type {
  CaptureResult,
  MessageDraft,
  StoredMessage,
  Thread,
} from "../../domain/messaging/records.js";
import { AppError } from "../../errors.js";
import { personUrn } from "../../urn.js";
import type { DialectName } from "../dialects.js";
import type { MessageRenderer } from "../messaging-store.js";
import type { Database } from "../schema.js";
import {
  insertCaptureRows,
  loadOpenAuthorizations,
  loadProfiles,
  loadRecentActivities,
  SIBLING_LIMIT,
} from "./capture-rows.js";
import { allocateSequenceIds } from "./ids.js";
import { compareIds, loadThreads } from "./thread-rows.js";
import { advanceWatermarks, type LockedTransaction } from "./write-transaction.js";

/**
 * The body of the capture transaction; the caller holds every participant's member lock.
 *
 * Why this cannot lose an event: `now` was read after the locks, so it is at or after the
 * commit of every earlier transaction touching these members; each owner's processedAt is
 * max(now, watermark), so it is never below anything already visible for that owner, and the
 * watermark moves up with it before commit. A poller whose cursor is at the largest visible
 * processedAt therefore still sees (inclusively) every event committed after it looked.
 *
 * Everything is read first, the batch is built in memory (validation included, so a bad
 * message fails before anything is written) and written with a few multi-row statements:
 * a batch of 1000 messages costs tens of round trips, not thousands.
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
  // Newest first, as siblingActivities lists them; grows as the batch adds messages.
  const recent = await loadRecentActivities(db, [...threads.keys()]);
  const existingThreadIds = new Set(threads.keys());
  const seqs = await allocateSequenceIds(db, dialect, "message_seq", drafts.length);

  const results: CaptureResult[] = [];
  const newThreads: Thread[] = [];
  const messages: Array<Insertable<Database["messages"]>> = [];
  const events: Array<Database["compliance_events"]> = [];
  const processedAtByOwner = new Map<string, number>();
  for (const [index, draft] of drafts.entries()) {
    const thread = resolveThread(threads, draft, nowMs, newThreads);
    const message = toStoredMessage(draft, thread.id, nowMs);
    const rendered = render(message, thread, profiles);
    const activityJson = JSON.stringify(rendered.activity);
    const siblings = recent.get(thread.id) ?? [];
    recent.set(thread.id, [activityJson, ...siblings].slice(0, SIBLING_LIMIT));
    messages.push({
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
      activity_json: activityJson,
      processed_activity_json: JSON.stringify(rendered.processedActivity),
      siblings_json: `[${siblings.join(",")}]`,
    });

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
  const repliedThreadIds = [...new Set(messages.map((m) => m.thread_id))].filter((id) =>
    existingThreadIds.has(id),
  );
  await insertCaptureRows(db, { newThreads, messages, events, repliedThreadIds, nowMs });
  await advanceWatermarks(db, processedAtByOwner);
  return results;
}

function toStoredMessage(draft: MessageDraft, threadId: string, nowMs: number): StoredMessage {
  return {
    id: draft.id,
    threadId,
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
}

/** The draft's thread: an existing one it may reply in, or a new one (kept in `threads`). */
function resolveThread(
  threads: Map<string, Thread>,
  draft: MessageDraft,
  nowMs: number,
  newThreads: Thread[],
): Thread {
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
  threads.set(thread.id, thread);
  newThreads.push(thread);
  return thread;
}
