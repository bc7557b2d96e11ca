import { isComplianceEvent } from "./compliance-event.js";
import { type ArchiveRecord, formatRecordLine } from "./hash-chain.js";

export interface ArchiveLine {
  text: string;
  /** 1-based line number in the file (counted from `firstLineNumber` when reading a tail). */
  lineNumber: number;
  /** Byte offset just after this line's newline. */
  endByte: number;
}

/**
 * Splits a day file's bytes into complete lines. Bytes after the last newline are a torn
 * write (the process died mid-append): returned apart so the caller decides what to do.
 */
export function splitArchiveLines(
  content: Buffer,
  fromByte = 0,
  firstLineNumber = 1,
): { lines: ArchiveLine[]; tornTail: { fromByte: number; text: string } | null } {
  const lines: ArchiveLine[] = [];
  let offset = fromByte;
  let lineNumber = firstLineNumber;
  for (;;) {
    const newline = content.indexOf(0x0a, offset);
    if (newline === -1) break;
    lines.push({
      text: content.subarray(offset, newline).toString("utf8"),
      lineNumber,
      endByte: newline + 1,
    });
    offset = newline + 1;
    lineNumber += 1;
  }
  const tornTail =
    offset < content.length
      ? { fromByte: offset, text: content.subarray(offset).toString("utf8") }
      : null;
  return { lines, tornTail };
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Parses one line into a record, or says why it is not a well-formed one. */
export function parseRecordLine(text: string): { record: ArchiveRecord } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "not valid JSON" };
  }
  if (typeof value !== "object" || value === null) return { problem: "not a JSON object" };
  const { seq, prevHash, event, hash } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return { problem: "seq is not a count" };
  if (typeof prevHash !== "string" || !HEX_SHA256.test(prevHash))
    return { problem: "prevHash is not a SHA-256 hex digest" };
  if (typeof hash !== "string" || !HEX_SHA256.test(hash))
    return { problem: "hash is not a SHA-256 hex digest" };
  if (!isComplianceEvent(event))
    return { problem: "event lacks a numeric id, owner or processedAt" };
  const record: ArchiveRecord = { seq: seq as number, prevHash, event, hash };
  if (formatRecordLine(record) !== `${text}\n`) {
    return { problem: "line is not in the archive's canonical form (edited by hand?)" };
  }
  return { record };
}
