import type { CaptureRefusal } from "../domain/capture/capture-refusal.js";
import type { CapturePlanner } from "../domain/capture/plan-capture.js";
import type { ComplianceEventRecord } from "../domain/events/event-record.js";
import type {
  CaptureResult,
  MessageDraft,
  StoredMessage,
  Thread,
} from "../domain/messaging/records.js";

/** A stored event with its message documents: the domain's record type. */
export type EventRow = ComplianceEventRecord;

/** The outcome of a capture: stored, or refused with nothing written. */
export type StoreMessagesOutcome =
  | { ok: true; results: CaptureResult[] }
  | { ok: false; refusal: CaptureRefusal };

export interface EventQuery {
  applicationId: string;
  ownerMemberId: string;
  /** Inclusive lower bound on processedAt (already clamped to the retention window). */
  fromMs: number;
  /** Exclusive upper bound on processedAt, if any. */
  toMs: number | null;
  offset: number;
  limit: number;
}

export interface LatestEventsQuery {
  applicationId: string;
  ownerMemberId: string;
  /** Inclusive lower bound on processedAt (already clamped to the retention window). */
  fromMs: number;
  limit: number;
}

/**
 * The messaging and compliance-event part of the storage port (spec §5–7).
 */
export interface MessagingStore {
  /**
   * Stores the drafts and captures their events in ONE transaction under the member locks
   * of every participant (design/capture-ordering.md): after the locks it reads the
   * snapshot (threads, profiles, open authorizations, watermarks, now), asks `plan` for the
   * rows (domain/capture/plan-capture.ts decides who gets which event) and writes them,
   * allocating event ids in plan order. All or nothing: a refusal (unknown thread or
   * member, …) is returned and nothing is stored.
   */
  storeMessages(
    drafts: readonly MessageDraft[],
    plan: CapturePlanner,
  ): Promise<StoreMessagesOutcome>;
  findThread(threadId: string): Promise<Thread | null>;
  /** Threads newest activity first; only those `memberId` takes part in, when given. */
  listThreads(filter: { memberId?: string; limit: number }): Promise<Thread[]>;
  /** The thread's messages, oldest first. */
  listThreadMessages(threadId: string): Promise<StoredMessage[]>;
  countMessages(): Promise<number>;
  /** One page of a member's events for an application, ordered by (processedAt, id). */
  findEvents(query: EventQuery): Promise<{ rows: EventRow[]; hasMore: boolean }>;
  /**
   * The newest `limit` of a member's events for an application with processedAt >= fromMs,
   * returned oldest first (newest last), as the console shows a stream; `hasMore` says older
   * ones were left out.
   */
  findLatestEvents(query: LatestEventsQuery): Promise<{ rows: EventRow[]; hasMore: boolean }>;
  /** How many events of a member for an application have processedAt >= fromMs. */
  countEvents(query: Omit<LatestEventsQuery, "limit">): Promise<number>;
  /** Deletes events with processedAt < cutoffMs, in bounded batches; returns how many. */
  purgeEventsBefore(cutoffMs: number): Promise<number>;
}
