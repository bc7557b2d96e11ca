import { dayFileName } from "./archive-layout.js";
import { type ArchiveRecord, type ChainHead, recordHash } from "./hash-chain.js";

/** What the next record of a member's chain must agree with. */
export interface ChainExpectation {
  memberUrn: string;
  head: ChainHead;
  /** The `processedAt` of the previous record: the archive is in processedAt order. */
  lastProcessedAtMs: number | null;
  /** The day file the record was read from. */
  dayFile: string;
}

/**
 * Why `record` cannot follow the chain as expected, or null when it can. Shared by `verify`
 * and by the archiver's recovery, so both read an archive by the same rules.
 */
export function chainProblem(expected: ChainExpectation, record: ArchiveRecord): string | null {
  const { event } = record;
  if (record.seq !== expected.head.seq + 1) {
    return `seq is ${record.seq}, expected ${expected.head.seq + 1} (a record is missing, repeated or moved)`;
  }
  if (record.prevHash !== expected.head.hash) {
    return "prevHash does not match the previous record's hash (a record is missing or moved)";
  }
  if (record.hash !== recordHash(record.prevHash, record.seq, event)) {
    return "hash does not match the record's content (the event was altered)";
  }
  if (event.owner !== expected.memberUrn) {
    return `event owner ${event.owner} is not this directory's member ${expected.memberUrn}`;
  }
  if (expected.lastProcessedAtMs !== null && event.processedAt < expected.lastProcessedAtMs) {
    return "processedAt goes backwards (records are out of order)";
  }
  if (dayFileName(event.processedAt) !== expected.dayFile) {
    return `processedAt ${event.processedAt} belongs in ${dayFileName(event.processedAt)}, not ${expected.dayFile}`;
  }
  return null;
}
