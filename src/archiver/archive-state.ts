import type { ComplianceEvent } from "./compliance-event.js";
import { type ArchiveRecord, type ChainHead, genesisHash } from "./hash-chain.js";

/**
 * LinkedIn's polling cursor: the next `startTime` is the latest `processedAt` archived
 * (inclusive), and the ids already archived at exactly that millisecond are the ones the
 * server will send again and that must be dropped.
 */
export interface ArchiveCursor {
  processedAtMs: number | null;
  boundaryIds: number[];
}

/** Everything needed to continue a member's archive: chain head, cursor, end of the last write. */
export interface ArchiveState {
  head: ChainHead;
  cursor: ArchiveCursor;
  /** The day file last appended to and its length after that append, in bytes. */
  tail: { file: string; bytes: number } | null;
}

export function emptyArchiveState(memberUrn: string): ArchiveState {
  return {
    head: { seq: 0, hash: genesisHash(memberUrn) },
    cursor: { processedAtMs: null, boundaryIds: [] },
    tail: null,
  };
}

/** True when the event is at or behind the cursor and so already in the archive. */
export function isBehindCursor(cursor: ArchiveCursor, event: ComplianceEvent): boolean {
  if (cursor.processedAtMs === null) return false;
  if (event.processedAt < cursor.processedAtMs) return true;
  return event.processedAt === cursor.processedAtMs && cursor.boundaryIds.includes(event.id);
}

/** The state after `record` was written to `file`, ending at byte `endByte`. */
export function advanceArchiveState(
  state: ArchiveState,
  record: ArchiveRecord,
  file: string,
  endByte: number,
): ArchiveState {
  const { processedAt, id } = record.event;
  const sameMillisecond = processedAt === state.cursor.processedAtMs;
  return {
    head: { seq: record.seq, hash: record.hash },
    cursor: {
      processedAtMs: processedAt,
      boundaryIds: sameMillisecond ? [...state.cursor.boundaryIds, id] : [id],
    },
    tail: { file, bytes: endByte },
  };
}
