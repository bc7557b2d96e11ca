import fs from "node:fs/promises";
import type { ComplianceEvent } from "./compliance-event.js";
import { appendDurably } from "./durable-files.js";

/**
 * The JSON-lines file a certification run reads (`REGULA_ARCHIVE_OUTPUT`, docs/certify.md):
 * every archived event, as received, once. It is written before the archive's checkpoint
 * moves, and the ids already in it are loaded at start-up, so a kill between the two writes
 * neither loses a line (the events come again and are written) nor repeats one.
 */
export class ArchiveOutput {
  private constructor(
    private readonly file: string,
    private readonly written: Set<number>,
  ) {}

  static async open(file: string): Promise<ArchiveOutput> {
    let text = "";
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    // A kill mid-write can leave a last line without its newline: drop it, it comes again.
    const complete = text.lastIndexOf("\n") + 1;
    if (complete < text.length) await fs.truncate(file, Buffer.byteLength(text.slice(0, complete)));
    const written = new Set<number>();
    for (const line of text.slice(0, complete).split("\n")) {
      if (line.trim() === "") continue;
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === "number") written.add(id);
      } catch {
        // Not ours to repair; the judge reports it.
      }
    }
    return new ArchiveOutput(file, written);
  }

  /** Appends the events not written before, flushed to disk. */
  async write(events: readonly ComplianceEvent[]): Promise<void> {
    let text = "";
    for (const event of events) {
      if (this.written.has(event.id)) continue;
      this.written.add(event.id);
      text += `${JSON.stringify(event)}\n`;
    }
    if (text !== "") await appendDurably(this.file, text);
  }
}
