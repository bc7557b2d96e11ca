import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { ComplianceEvent } from "./compliance-event.js";

/**
 * The archive's hash chain, one per member across all of that member's day files:
 *
 *   genesis      = sha256hex("regula-archive/1\n" + memberUrn)
 *   hash(n)      = sha256hex(prevHash(n) + "\n" + seq(n) + "\n" + canonicalJson(event(n)))
 *   prevHash(1)  = genesis, prevHash(n) = hash(n - 1), seq starts at 1 and grows by 1
 *
 * Binding the genesis to the member makes a file moved into another member's directory fail;
 * binding seq makes renumbering after a deletion fail even where prevHash was forged.
 */
export const ARCHIVE_FORMAT = "regula-archive/1";

export interface ArchiveRecord {
  seq: number;
  prevHash: string;
  event: ComplianceEvent;
  hash: string;
}

/** Where a member's chain stands: the last record's seq and hash (0 and genesis when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function genesisHash(memberUrn: string): string {
  return sha256Hex(`${ARCHIVE_FORMAT}\n${memberUrn}`);
}

export function recordHash(prevHash: string, seq: number, event: ComplianceEvent): string {
  return sha256Hex(`${prevHash}\n${seq}\n${canonicalJson(event)}`);
}

/** The record that follows `head` in the chain. */
export function chainRecord(head: ChainHead, event: ComplianceEvent): ArchiveRecord {
  const seq = head.seq + 1;
  return { seq, prevHash: head.hash, event, hash: recordHash(head.hash, seq, event) };
}

/**
 * The one byte-exact text of a record, newline included. Fields in a fixed order and the
 * event canonical, so a line reformatted by hand is detected as well as a line edited.
 */
export function formatRecordLine(record: ArchiveRecord): string {
  return `{"seq":${record.seq},"prevHash":${JSON.stringify(record.prevHash)},"event":${canonicalJson(record.event)},"hash":${JSON.stringify(record.hash)}}\n`;
}
