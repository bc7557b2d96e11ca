import type { Insertable } from "kysely";
import type { CapturePlan } from "../../domain/capture/plan-capture.js";
import type { Thread } from "../../domain/messaging/records.js";
import type { DialectName } from "../dialects.js";
import type { StoreMessagesOutcome } from "../messaging-store.js";
import type { Database } from "../schema.js";
import type { CaptureJob } from "./capture-queue.js";
import { insertCaptureRows, loadOpenAuthorizations, loadProfiles } from "./capture-rows.js";
import { allocateSequenceIds } from "./ids.js";
import { toMessageTemplates } from "./message-templates.js";
import { loadThreads } from "./thread-rows.js";
import { advanceWatermarks, type LockedTransaction } from "./write-transaction.js";

/**
 * The body of one capture transaction for a group of requests (capture-queue.ts); the
 * caller holds every participant's member lock. The store only reads, locks and writes: the
 * rules are the domain's (each job's planner).
 *
 * Why this cannot lose an event: `now` was read after the locks, so it is at or after the
 * commit of every earlier transaction touching these members; each plan clamps an owner's
 * processedAt to max(now, watermark), and the watermarks the group carries from one plan to
 * the next (and writes before commit) only move up. Event ids are allocated here, inside the
 * locks and in plan order, so (processedAt, id) also grows in commit order.
 *
 * Everything is read first, each request is planned in memory (a bad one is refused before
 * anything of it is written) and the accepted ones are written together with a few
 * multi-row statements: tens of round trips per group, not thousands.
 */
export async function storeGroupLocked(
  tx: LockedTransaction,
  dialect: DialectName,
  jobs: readonly CaptureJob[],
): Promise<StoreMessagesOutcome[]> {
  const { db, nowMs } = tx;
  const drafts = jobs.flatMap((j) => j.drafts);
  const threads = await loadThreads(db, [...new Set(drafts.map((d) => d.thread.id))]);
  const memberIds = new Set(jobs.flatMap((j) => j.memberIds));
  for (const thread of threads.values())
    for (const p of thread.participants) memberIds.add(p.memberId);
  const profiles = await loadProfiles(db, [...memberIds]);
  const openAuthorizations = await loadOpenAuthorizations(db, [...memberIds]);
  const watermarks = new Map(tx.watermarks);
  const accepted: CapturePlan[] = [];
  const outcomes = jobs.map((job): StoreMessagesOutcome => {
    const outcome = job.plan({ threads, profiles, openAuthorizations, watermarks, nowMs });
    if (!outcome.ok) return outcome;
    // The next request of the group sees this one's threads and raised watermarks.
    for (const thread of outcome.plan.newThreads) threads.set(thread.id, thread);
    for (const [member, at] of outcome.plan.watermarks)
      watermarks.set(member, Math.max(at, watermarks.get(member) ?? 0));
    accepted.push(outcome.plan);
    return { ok: true, results: outcome.plan.results };
  });
  if (accepted.length > 0) await writePlans(tx, dialect, accepted);
  return outcomes;
}

async function writePlans(
  tx: LockedTransaction,
  dialect: DialectName,
  plans: readonly CapturePlan[],
): Promise<void> {
  const planned = plans.flatMap((p) => p.messages);
  const seqs = await allocateSequenceIds(tx.db, dialect, "message_seq", planned.length);
  const messages: Array<Insertable<Database["messages"]>> = planned.map((m, index) => {
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
  const plannedEvents = plans.flatMap((p) => p.events);
  const ids = await allocateSequenceIds(tx.db, dialect, "event_ids", plannedEvents.length);
  const events: Array<Database["compliance_events"]> = plannedEvents.map((e, i) => ({
    id: ids[i]!,
    application_id: Number(e.applicationId),
    owner_member_id: e.ownerMemberId,
    message_id: e.messageId,
    actor: e.actor,
    activity_status: e.activityStatus,
    captured_at: e.capturedAt,
    processed_at: e.processedAt,
  }));
  const newThreads: Thread[] = plans.flatMap((p) => p.newThreads);
  const createdHere = new Set(newThreads.map((t) => t.id));
  const repliedThreadIds = [...new Set(plans.flatMap((p) => p.repliedThreadIds))];
  const watermarks = new Map<string, number>();
  for (const p of plans)
    for (const [member, at] of p.watermarks)
      watermarks.set(member, Math.max(at, watermarks.get(member) ?? 0));
  await insertCaptureRows(tx.db, {
    newThreads,
    messages,
    events,
    // A thread created in this group already carries now as its lastMessageAt.
    repliedThreadIds: repliedThreadIds.filter((id) => !createdHere.has(id)),
    nowMs: tx.nowMs,
  });
  await advanceWatermarks(tx.db, watermarks);
}
