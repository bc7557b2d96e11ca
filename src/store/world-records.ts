/**
 * The world's history as stored, for export, import and snapshots: what a capture wrote,
 * read back verbatim so that restoring it reproduces every `/rest` answer byte for byte and
 * nothing is captured again. Times are epoch milliseconds on the virtual clock.
 */

/** A thread with its participants, as stored. */
export interface ThreadRecord {
  id: string;
  creatorMemberId: string;
  creatorIdentity: string;
  subject: string | null;
  createdAt: number;
  lastMessageAt: number;
  participants: Array<{ memberId: string; identity: string; joinedAt: number }>;
}

/**
 * A message as stored, with the documents its events serve: `activity`, `processedActivity`
 * and `siblingActivities` are the parsed stored JSON (re-serialising them gives the same bytes,
 * since they were written by JSON.stringify).
 */
export interface MessageRecord {
  id: string;
  /** Commit order of messages (the thread's message order). */
  seq: number;
  threadId: string;
  senderMemberId: string;
  authorIdentity: string;
  mailbox: string;
  /** `MESSAGE` or `INMAIL`. */
  kind: string;
  subject: string | null;
  text: string;
  attachments: unknown[];
  activityId: string;
  createdAt: number;
  deliveredAt: number;
  activity: unknown;
  processedActivity: unknown;
  siblingActivities: unknown[];
}

/** One compliance event (a message copy for one owner and one application), as stored. */
export interface EventRecord {
  id: number;
  applicationId: string;
  ownerMemberId: string;
  messageId: string;
  actor: string;
  activityStatus: string;
  capturedAt: number;
  processedAt: number;
}

/** A member's capture watermark: the floor of the next processedAt (design/capture-ordering.md). */
export interface WatermarkRecord {
  memberId: string;
  lastProcessedAt: number;
}

/**
 * The next value each id counter hands out. Absent: the counter has not started (its first
 * id is the default). Messages' `seq` and events' ids are PostgreSQL sequences or SQLite
 * counter rows; application ids and sales identities are counter rows on both.
 */
export interface WorldCounters {
  applications?: number;
  salesIdentities?: number;
  messageSeq?: number;
  eventIds?: number;
}

export interface HistoryRecords {
  threads: ThreadRecord[];
  messages: MessageRecord[];
  events: EventRecord[];
  watermarks: WatermarkRecord[];
}

/** A snapshot kept in the store. */
export interface SnapshotInfo {
  name: string;
  createdAt: number;
  messages: number;
  events: number;
}
