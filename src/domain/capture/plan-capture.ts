import { personUrn } from "../../urn.js";
import { compareIds } from "../compare-ids.js";
import type { Activity } from "../messaging/activity-document.js";
import type { CaptureResult, MessageDraft, StoredMessage, Thread } from "../messaging/records.js";
import type { Member } from "../records.js";
import type { CaptureRefusal } from "./capture-refusal.js";

/** An authorization open (opted in, not opted out) when the snapshot was read. */
export interface OpenAuthorization {
  applicationId: string;
  regulatedAt: number;
}

/** The JSON documents stored once per message and shared by every owner's event. */
export interface RenderedMessage {
  activity: Activity;
  processedActivity: Record<string, unknown>;
}

/** Pure code that renders a message's documents; called once per message of the plan. */
export type MessageRenderer = (
  message: StoredMessage,
  thread: Thread,
  profiles: ReadonlyMap<string, Member>,
) => RenderedMessage;

/**
 * Everything the capture rules look at, read by the store AFTER it took the member locks of
 * every participant (design/capture-ordering.md): so `nowMs` is at or after the commit of
 * every earlier transaction on these members, and nothing here can change until commit.
 */
export interface CaptureSnapshot {
  /** The existing threads the drafts reply in (or collide with). */
  threads: ReadonlyMap<string, Thread>;
  profiles: ReadonlyMap<string, Member>;
  openAuthorizations: ReadonlyMap<string, readonly OpenAuthorization[]>;
  /** Each locked member's last processedAt before this transaction (absent = 0). */
  watermarks: ReadonlyMap<string, number>;
  nowMs: number;
}

/**
 * A message to insert, with its documents rendered to JSON text. Its siblingActivities are
 * the activities of the thread's messages before it in commit order, read with the event.
 */
export interface PlannedMessage {
  message: StoredMessage;
  activityJson: string;
  processedActivityJson: string;
}

/** An event to insert; the store gives it the next event id, in plan order. */
export interface PlannedEvent {
  applicationId: string;
  ownerMemberId: string;
  messageId: string;
  actor: string;
  activityStatus: "SUCCESS";
  capturedAt: number;
  processedAt: number;
}

export interface CapturePlan {
  newThreads: Thread[];
  messages: PlannedMessage[];
  /** In the order ids must be allocated: message by message, participant by participant. */
  events: PlannedEvent[];
  /** Existing threads that got a message (their lastMessageAt moves to now). */
  repliedThreadIds: string[];
  /** The new watermark of every owner that got an event. */
  watermarks: Map<string, number>;
  results: CaptureResult[];
}

export type CapturePlanOutcome =
  | { ok: true; plan: CapturePlan }
  | { ok: false; refusal: CaptureRefusal };

/** What the store calls inside the locks with the snapshot it read there. */
export type CapturePlanner = (snapshot: CaptureSnapshot) => CapturePlanOutcome;

/** Every member whose profile, authorizations and lock the capture of `drafts` needs. */
function captureMemberIds(
  drafts: readonly MessageDraft[],
  threads: ReadonlyMap<string, Thread>,
): string[] {
  const memberIds = new Set<string>();
  for (const d of drafts) {
    memberIds.add(d.senderMemberId);
    if (d.thread.kind === "new") for (const p of d.thread.participants) memberIds.add(p.memberId);
    for (const p of threads.get(d.thread.id)?.participants ?? []) memberIds.add(p.memberId);
  }
  return [...memberIds];
}

/**
 * The capture rules (spec events.md, invariants #3–#4): every message is stored at `now`;
 * every participant regulated at that moment gets one event per open authorization, with
 * processedAt = max(now, their watermark) so no poller's cursor can have passed it, and the
 * sender as actor. Pure: the store calls it inside the locks and writes what it returns.
 * The whole batch is validated before anything is written, so one bad draft refuses all.
 */
export function planCapture(
  drafts: readonly MessageDraft[],
  snapshot: CaptureSnapshot,
  render: MessageRenderer,
): CapturePlanOutcome {
  const { nowMs, profiles } = snapshot;
  const missing = captureMemberIds(drafts, snapshot.threads).find((id) => !profiles.has(id));
  if (missing) return { ok: false, refusal: { kind: "unknown-member", memberId: missing } };

  const threads = new Map(snapshot.threads);
  const plan: CapturePlan = {
    newThreads: [],
    messages: [],
    events: [],
    repliedThreadIds: [],
    watermarks: new Map(),
    results: [],
  };
  for (const draft of drafts) {
    const resolved = resolveThread(threads, draft, nowMs);
    if (!resolved.ok) return resolved;
    const { thread } = resolved;
    if (resolved.created) plan.newThreads.push(thread);
    const message = toStoredMessage(draft, thread.id, nowMs);
    const rendered = render(message, thread, profiles);
    plan.messages.push({
      message,
      activityJson: JSON.stringify(rendered.activity),
      processedActivityJson: JSON.stringify(rendered.processedActivity),
    });
    plan.results.push({ message, capturedFor: planEvents(plan, message, thread, snapshot) });
  }
  const replied = new Set(plan.messages.map((m) => m.message.threadId));
  plan.repliedThreadIds = [...replied].filter((id) => snapshot.threads.has(id));
  return { ok: true, plan };
}

/** One event per (participant, open authorization) of the message; appends to the plan. */
function planEvents(
  plan: CapturePlan,
  message: StoredMessage,
  thread: Thread,
  snapshot: CaptureSnapshot,
): CaptureResult["capturedFor"] {
  const capturedFor: CaptureResult["capturedFor"] = [];
  for (const participant of thread.participants) {
    const owner = participant.memberId;
    const processedAt = Math.max(snapshot.nowMs, snapshot.watermarks.get(owner) ?? 0);
    // Every open authorization read under the lock committed before this message; the
    // time test only holds back an opt-in a seed dated ahead of this owner's timeline.
    const open = (snapshot.openAuthorizations.get(owner) ?? []).filter(
      (a) => a.regulatedAt <= processedAt,
    );
    for (const { applicationId } of open) {
      plan.events.push({
        applicationId,
        ownerMemberId: owner,
        messageId: message.id,
        // The sender acts on every copy: their own and each recipient's.
        actor: personUrn(message.senderMemberId),
        activityStatus: "SUCCESS",
        capturedAt: snapshot.nowMs,
        processedAt,
      });
      capturedFor.push({ owner: personUrn(owner), application: applicationId });
      plan.watermarks.set(owner, processedAt);
    }
  }
  return capturedFor;
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

/** The draft's thread: an existing one it may reply in, or a new one (added to `threads`). */
function resolveThread(
  threads: Map<string, Thread>,
  draft: MessageDraft,
  nowMs: number,
): { ok: true; thread: Thread; created: boolean } | { ok: false; refusal: CaptureRefusal } {
  const known = threads.get(draft.thread.id);
  if (draft.thread.kind === "reply") {
    if (!known)
      return { ok: false, refusal: { kind: "unknown-thread", threadId: draft.thread.id } };
    if (!known.participants.some((p) => p.memberId === draft.senderMemberId)) {
      const refusal = {
        kind: "sender-not-participant",
        threadId: known.id,
        memberId: draft.senderMemberId,
      } as const;
      return { ok: false, refusal };
    }
    return { ok: true, thread: known, created: false };
  }
  if (known) return { ok: false, refusal: { kind: "thread-exists", threadId: known.id } };
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
  return { ok: true, thread, created: true };
}
