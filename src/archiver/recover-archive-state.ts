import fs from "node:fs/promises";
import path from "node:path";
import { listDayFiles } from "./archive-layout.js";
import { parseRecordLine, splitArchiveLines } from "./archive-lines.js";
import { type ArchiveState, advanceArchiveState, emptyArchiveState } from "./archive-state.js";
import { ArchiveCorruptError } from "./archiver-errors.js";
import { chainProblem } from "./chain-check.js";
import { readCheckpoint } from "./checkpoint.js";
import { truncateDurably } from "./durable-files.js";

/**
 * The member's archive state as the files on disk say it is. The checkpoint gives a starting
 * point; every record written after it (the process died between an append and the
 * checkpoint) is read and checked, so those events are not fetched and appended twice. A
 * half-written last line is dropped: its event is still behind the cursor and comes again.
 */
export async function recoverArchiveState(
  memberDir: string,
  memberUrn: string,
): Promise<{ state: ArchiveState; changed: boolean; repairs: string[] }> {
  const checkpoint = await readCheckpoint(memberDir, memberUrn);
  let state = checkpoint ?? emptyArchiveState(memberUrn);
  const files = await listDayFiles(memberDir);
  const tail = state.tail;
  if (tail && !files.includes(tail.file)) {
    throw new ArchiveCorruptError(tail.file, null, "the day file named by the checkpoint is gone");
  }
  const toScan = tail
    ? [{ file: tail.file, fromByte: tail.bytes }, ...later(files, tail.file)]
    : files.map((file) => ({ file, fromByte: 0 }));

  let changed = checkpoint === null && files.length > 0;
  const repairs: string[] = [];
  for (const [index, { file, fromByte }] of toScan.entries()) {
    const fullPath = path.join(memberDir, file);
    const content = await fs.readFile(fullPath);
    if (content.length < fromByte || (fromByte > 0 && content[fromByte - 1] !== 0x0a)) {
      throw new ArchiveCorruptError(
        file,
        null,
        "shorter than the checkpoint says (records removed)",
      );
    }
    const firstLine = countNewlines(content, fromByte) + 1;
    const { lines, tornTail } = splitArchiveLines(content, fromByte, firstLine);
    for (const line of lines) {
      const parsed = parseRecordLine(line.text);
      if ("problem" in parsed) throw new ArchiveCorruptError(file, line.lineNumber, parsed.problem);
      const problem = chainProblem(
        {
          memberUrn,
          head: state.head,
          lastProcessedAtMs: state.cursor.processedAtMs,
          dayFile: file,
        },
        parsed.record,
      );
      if (problem) throw new ArchiveCorruptError(file, line.lineNumber, problem);
      state = advanceArchiveState(state, parsed.record, file, line.endByte);
      changed = true;
    }
    if (tornTail) {
      // Only the newest file can end mid-line; anywhere else the damage is not a crash's.
      if (index !== toScan.length - 1) {
        throw new ArchiveCorruptError(file, firstLine + lines.length, "line has no end");
      }
      await truncateDurably(fullPath, tornTail.fromByte);
      repairs.push(`dropped a half-written line at the end of ${file}`);
    }
  }
  return { state, changed, repairs };
}

function later(files: string[], after: string) {
  return files.filter((file) => file > after).map((file) => ({ file, fromByte: 0 }));
}

function countNewlines(content: Buffer, end: number): number {
  let count = 0;
  for (let i = content.indexOf(0x0a); i !== -1 && i < end; i = content.indexOf(0x0a, i + 1)) {
    count += 1;
  }
  return count;
}
