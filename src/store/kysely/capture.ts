import type { Insertable } from "kysely";
import type { CaptureRefusal } from "../../domain/capture/capture-refusal.js";
import type { CapturePlan, CapturePlanner } from "../../domain/capture/plan-capture.js";
import type { MessageDraft } from "../../domain/messaging/records.js";
import type { DialectName } from "../dialects.js";
import type { StoreMessagesOutcome } from "../messaging-store.js";
import type { Database } from "../schema.js";
import { insertCaptureRows, loadOpenAuthorizations, loadProfiles } from "./capture-rows.js";
import { allocateSequenceIds } from "./ids.js";
import { toMessageTemplates } from "./message-templates.js";
import { loadThreads } from "./thread-rows.js";
import { advanceWatermarks, type LockedTransaction } from "./write-transaction.js";

/** Thrown inside the transaction to roll it back; caught by the caller and returned. */
export class CaptureRefused extends Error {
  constructor(readonly refusal: CaptureRefusal) {
    super(`capture refused: ${refusal.kind}`);
  }
}

/**
 * The body of the capture transaction; the caller holds every participant's member lock.
 * The store only reads, locks and writes: the rules are the domain's (`plan`).
 *
 * Why this cannot lose an event: `now` was read after the locks, so it is at or after the
 * commit of every earlier transaction touching these members; the plan clamps each owner's
 * processedAt to max(now, watermark), and the watermark moves up with it before commit.
 * Event ids are allocated here, inside the locks and in plan order, so (processedAt, id)
 * also grows in commit order.
 *
 * Everything is read first, the batch is planned in memory (so a bad message fails before
 * anything is written) and written with a few multi-row statements: a batch of 1000
 * messages costs tens of round trips, not thousands.
 */
export async function storeMessagesLocked(
  tx: LockedTransaction,
  dialect: DialectName,
  drafts: readonly MessageDraft[],
  plan: CapturePlanner,
): Promise<StoreMessagesOutcome> {
  const { db, nowMs } = tx;
  const threads = await loadThreads(db, [...new Set(drafts.map((d) => d.thread.id))]);
  const memberIds = new Set<string>();
  for (const d of drafts) {
    memberIds.add(d.senderMemberId);
    if (d.thread.kind === "new") for (const p of d.thread.participants) memberIds.add(p.memberId);
    for (const p of threads.get(d.thread.id)?.participants ?? []) memberIds.add(p.memberId);
  }
  const profiles = await loadProfiles(db, [...memberIds]);
  const openAuthorizations = await loadOpenAuthorizations(db, [...memberIds]);
  const seqs = await allocateSequenceIds(db, dialect, "message_seq", drafts.length);
  const outcome = plan({
    threads,
    profiles,
    openAuthorizations,
    watermarks: tx.watermarks,
    nowMs,
  });
  if (!outcome.ok) throw new CaptureRefused(outcome.refusal);
  const { events, messages } = await toRows(tx, dialect, outcome.plan, seqs);
  await insertCaptureRows(db, {
    newThreads: outcome.plan.newThreads,
    messages,
    events,
    repliedThreadIds: outcome.plan.repliedThreadIds,
    nowMs,
  });
  await advanceWatermarks(db, outcome.plan.watermarks);
  return { ok: true, results: outcome.plan.results };
}

async function toRows(
  tx: LockedTransaction,
  dialect: DialectName,
  plan: CapturePlan,
  seqs: readonly number[],
) {
  const messages: Array<Insertable<Database["messages"]>> = plan.messages.map((m, index) => {
    const templates = toMessageTemplates(m.message.text, m.activityJson, m.processedActivityJson);
    return {
      id: m.message.id,
      seq: seqs[index]!,
      thread_id: m.message.threadId,
      sender_member_id: m.message.senderMemberId,
      author_identity: m.message.authorIdentity,
      mailbox: m.message.mailbox,
      kind: m.message.inMail ? "INMAIL" : "MESSAGE",
      subject: m.message.subject,
      body_text: m.message.text,
      attachments: JSON.stringify(m.message.attachments),
      activity_id: m.message.activityId,
      created_at: m.message.createdAt,
      delivered_at: m.message.deliveredAt,
      activity_json: templates.activityTemplate,
      processed_activity_json: templates.processedActivityTemplate,
    };
  });
  const ids = await allocateSequenceIds(tx.db, dialect, "event_ids", plan.events.length);
  const events: Array<Database["compliance_events"]> = plan.events.map((e, i) => ({
    id: ids[i]!,
    application_id: Number(e.applicationId),
    owner_member_id: e.ownerMemberId,
    message_id: e.messageId,
    actor: e.actor,
    activity_status: e.activityStatus,
    captured_at: e.capturedAt,
    processed_at: e.processedAt,
  }));
  return { messages, events };
}
