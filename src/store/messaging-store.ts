import type { Activity } from "../domain/messaging/activity-document.js";
import type {
  CaptureResult,
  MessageDraft,
  StoredMessage,
  Thread,
} from "../domain/messaging/records.js";
import type { Member } from "../domain/records.js";

/** The JSON documents stored once per message and shared by every owner's event. */
export interface RenderedMessage {
  activity: Activity;
  processedActivity: Record<string, unknown>;
}

/** Pure domain code the store calls inside the capture transaction to render a message. */
export type MessageRenderer = (
  message: StoredMessage,
  thread: Thread,
  profiles: ReadonlyMap<string, Member>,
) => RenderedMessage;

/** A stored compliance event with the documents of its message. */
export interface EventRow {
  id: number;
  applicationId: string;
  ownerMemberId: string;
  actor: string;
  messageId: string;
  activityId: string;
  activityStatus: string;
  capturedAt: number;
  processedAt: number;
  activityJson: string;
  processedActivityJson: string;
  siblingsJson: string;
}

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
   * of every participant (design/capture-ordering.md): `createdAt` and `processedAt` are read
   * after the locks; each participant regulated at `createdAt` gets one event per
   * application; per member, processedAt never decreases in commit order. All or nothing:
   * an unknown thread or member fails the whole batch with NOT_FOUND and stores nothing.
   */
  storeMessages(drafts: readonly MessageDraft[], render: MessageRenderer): Promise<CaptureResult[]>;
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
