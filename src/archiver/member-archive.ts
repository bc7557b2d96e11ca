import fs from "node:fs/promises";
import path from "node:path";
import { dayFileName, memberDirectory } from "./archive-layout.js";
import {
  type ArchiveCursor,
  type ArchiveState,
  advanceArchiveState,
  isBehindCursor,
} from "./archive-state.js";
import { writeCheckpoint } from "./checkpoint.js";
import type { ComplianceEvent } from "./compliance-event.js";
import { appendDurably, ensureDirectory } from "./durable-files.js";
import { chainRecord, formatRecordLine } from "./hash-chain.js";
import { recoverArchiveState } from "./recover-archive-state.js";

/**
 * One member's archive: append-only day files chained by hash, and the checkpoint that lets
 * a later run continue where this one stopped. All writes for a member go through here.
 */
export class MemberArchive {
  private constructor(
    readonly memberUrn: string,
    private readonly dir: string,
    private state: ArchiveState,
  ) {}

  /** Opens (or creates) the member's archive, recovering from a crash of the previous run. */
  static async open(
    archiveDir: string,
    memberUrn: string,
  ): Promise<{ archive: MemberArchive; repairs: string[] }> {
    const dir = memberDirectory(archiveDir, memberUrn);
    await ensureDirectory(dir);
    const { state, changed, repairs } = await recoverArchiveState(dir, memberUrn);
    if (changed || repairs.length > 0) await writeCheckpoint(dir, memberUrn, state);
    return { archive: new MemberArchive(memberUrn, dir, state), repairs };
  }

  get cursor(): ArchiveCursor {
    return this.state.cursor;
  }

  get recordCount(): number {
    return this.state.head.seq;
  }

  isArchived(event: ComplianceEvent): boolean {
    return isBehindCursor(this.state.cursor, event);
  }

  /**
   * Appends the events not yet archived, in (processedAt, id) order, flushes them to disk,
   * and only then moves the checkpoint. Returns how many were new.
   */
  async append(events: readonly ComplianceEvent[]): Promise<number> {
    const ordered = [...events].sort((a, b) => a.processedAt - b.processedAt || a.id - b.id);
    let state = this.state;
    const writes: Array<{ file: string; text: string }> = [];
    let fileBytes = 0;
    for (const event of ordered) {
      if (isBehindCursor(state.cursor, event)) continue;
      const file = dayFileName(event.processedAt);
      let write = writes.at(-1);
      if (write?.file !== file) {
        fileBytes = state.tail?.file === file ? state.tail.bytes : await this.sizeOf(file);
        write = { file, text: "" };
        writes.push(write);
      }
      const record = chainRecord(state.head, event);
      const line = formatRecordLine(record);
      write.text += line;
      fileBytes += Buffer.byteLength(line, "utf8");
      state = advanceArchiveState(state, record, file, fileBytes);
    }
    if (writes.length === 0) return 0;
    for (const write of writes) await appendDurably(path.join(this.dir, write.file), write.text);
    const appended = state.head.seq - this.state.head.seq;
    this.state = state;
    await writeCheckpoint(this.dir, this.memberUrn, state);
    return appended;
  }

  private async sizeOf(file: string): Promise<number> {
    try {
      return (await fs.stat(path.join(this.dir, file))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw error;
    }
  }
}
