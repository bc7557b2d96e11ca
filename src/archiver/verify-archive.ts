import fs from "node:fs/promises";
import path from "node:path";
import { CHECKPOINT_FILE, listDayFiles, memberUrnOfDirectory } from "./archive-layout.js";
import { parseRecordLine, splitArchiveLines } from "./archive-lines.js";
import { chainProblem } from "./chain-check.js";
import { readCheckpoint } from "./checkpoint.js";
import { type ArchiveRecord, type ChainHead, genesisHash } from "./hash-chain.js";

export interface ArchiveBreak {
  member: string;
  /** The file, as a path under the archive directory the caller gave. */
  file: string;
  /** 1-based line number, or null when the problem is the file as a whole. */
  line: number | null;
  problem: string;
}

export interface MemberSummary {
  member: string;
  records: number;
  files: number;
  headHash: string;
}

export type VerifyResult =
  | { ok: true; members: MemberSummary[] }
  | { ok: false; members: MemberSummary[]; break: ArchiveBreak };

/**
 * `archive verify`: recomputes every member's chain from its genesis, checking each line's
 * form, seq, prevHash, hash, owner, day file and order, that no event id appears twice, that
 * the last file ends with a complete line, and that the archive reaches the checkpoint (which
 * catches lines cut from the end, where no later record's prevHash could tell). Stops at the
 * first break.
 */
export async function verifyArchive(archiveDir: string): Promise<VerifyResult> {
  const entries = await fs.readdir(archiveDir, { withFileTypes: true });
  const members: MemberSummary[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort(byName)) {
    const member = memberUrnOfDirectory(entry.name);
    if (member === null) continue;
    const result = await verifyMember(path.join(archiveDir, entry.name), member);
    if ("problem" in result) return { ok: false, members, break: { member, ...result } };
    members.push(result);
  }
  return { ok: true, members };
}

/**
 * Verifies one member's directory; a summary, or where the first break is. `onRecord` sees
 * each record once its link to the previous one has verified (the period check counts them).
 */
export async function verifyMember(
  memberDir: string,
  member: string,
  onRecord?: (record: ArchiveRecord) => void,
): Promise<MemberSummary | Omit<ArchiveBreak, "member">> {
  const files = await listDayFiles(memberDir);
  let head: ChainHead = { seq: 0, hash: genesisHash(member) };
  const hashBySeq = new Map<number, string>([[0, head.hash]]);
  const firstSeen = new Map<number, string>();
  let lastProcessedAtMs: number | null = null;
  for (const file of files) {
    const where = path.join(memberDir, file);
    const { lines, tornTail } = splitArchiveLines(await fs.readFile(where));
    for (const line of lines) {
      const at = { file: where, line: line.lineNumber };
      const parsed = parseRecordLine(line.text);
      if ("problem" in parsed) return { ...at, problem: parsed.problem };
      const { record } = parsed;
      const problem = chainProblem(
        { memberUrn: member, head, lastProcessedAtMs, dayFile: file },
        record,
      );
      if (problem) return { ...at, problem };
      const earlier = firstSeen.get(record.event.id);
      if (earlier)
        return { ...at, problem: `event ${record.event.id} is already archived at ${earlier}` };
      firstSeen.set(record.event.id, `${where}:${line.lineNumber}`);
      head = { seq: record.seq, hash: record.hash };
      onRecord?.(record);
      hashBySeq.set(record.seq, record.hash);
      lastProcessedAtMs = record.event.processedAt;
    }
    if (tornTail) {
      const problem =
        "the last line has no end (a write was cut short; the next archive run repairs this)";
      return { file: where, line: lines.length + 1, problem };
    }
  }
  const checkpointProblem = await compareWithCheckpoint(memberDir, member, head, hashBySeq);
  if (checkpointProblem) {
    return { file: path.join(memberDir, CHECKPOINT_FILE), line: null, problem: checkpointProblem };
  }
  return { member, records: head.seq, files: files.length, headHash: head.hash };
}

async function compareWithCheckpoint(
  memberDir: string,
  member: string,
  head: ChainHead,
  hashBySeq: ReadonlyMap<number, string>,
): Promise<string | null> {
  let checkpoint: Awaited<ReturnType<typeof readCheckpoint>>;
  try {
    checkpoint = await readCheckpoint(memberDir, member);
  } catch (error) {
    return (error as Error).message;
  }
  if (checkpoint === null) return null;
  const { seq, hash } = checkpoint.head;
  if (seq > head.seq) {
    return `the checkpoint records ${seq} records but the archive holds ${head.seq}: records were removed from the end`;
  }
  if (hashBySeq.get(seq) !== hash) {
    return `the checkpoint's hash for record ${seq} differs from the archive's`;
  }
  return null;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
