import fs from "node:fs/promises";
import path from "node:path";
import { listDayFiles, memberDirectory } from "../archive-layout.js";
import { parseRecordLine, splitArchiveLines } from "../archive-lines.js";
import type { ComplianceEvent } from "../compliance-event.js";
import { verifyMember } from "../verify-archive.js";

/**
 * A member's archived events after the chain verifies (an export is evidence, and must not
 * be made from a tampered archive), optionally limited to `[from, to)` by processedAt.
 */
export async function readVerifiedMemberEvents(
  archiveDir: string,
  memberUrn: string,
  range: { from?: number; to?: number } = {},
): Promise<{ events: ComplianceEvent[]; lines: string[]; files: string[] }> {
  const memberDir = memberDirectory(archiveDir, memberUrn);
  if ((await listDayFiles(memberDir)).length === 0) {
    throw new Error(`no archive for ${memberUrn} in ${archiveDir}`);
  }
  const verified = await verifyMember(memberDir, memberUrn);
  if ("problem" in verified) {
    const at = `${verified.file}${verified.line === null ? "" : `:${verified.line}`}`;
    throw new Error(`the archive does not verify at ${at}: ${verified.problem}`);
  }
  return readMemberEvents(archiveDir, memberUrn, range);
}

/**
 * A member's archived events as the lines hold them, without verifying the chain: for a
 * production package, which reports the verification beside the records instead (lines that
 * do not parse as records are left out; the verification names the first).
 */
export async function readMemberEvents(
  archiveDir: string,
  memberUrn: string,
  range: { from?: number; to?: number } = {},
): Promise<{ events: ComplianceEvent[]; lines: string[]; files: string[] }> {
  const memberDir = memberDirectory(archiveDir, memberUrn);
  const files = await listDayFiles(memberDir);
  if (files.length === 0) throw new Error(`no archive for ${memberUrn} in ${archiveDir}`);
  const events: ComplianceEvent[] = [];
  const lines: string[] = [];
  for (const file of files) {
    const split = splitArchiveLines(await fs.readFile(path.join(memberDir, file)));
    for (const line of split.lines) {
      const parsed = parseRecordLine(line.text);
      if ("problem" in parsed) continue;
      const { event } = parsed.record;
      if (range.from !== undefined && event.processedAt < range.from) continue;
      if (range.to !== undefined && event.processedAt >= range.to) continue;
      events.push(event);
      lines.push(line.text);
    }
  }
  return { events, lines, files };
}
