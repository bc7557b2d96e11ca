import type { Journal } from "../services.js";
/** One answered call to `/rest`, `/v2` or `/oauth`, without credentials. */
export interface JournalEntry {
  at: number;
  method: string;
  /** As sent, with credential values replaced by `REDACTED` (http/redact-url-credentials.ts). */
  path: string;
  status: number;
  durationMs: number;
  application: string | null;
  member: string | null;
  fault: string | null;
}

/** The latest requests, newest first, in a fixed-size ring (sandbox.md, Journal). */
export class RequestJournal implements Journal {
  private entries: JournalEntry[] = [];

  constructor(private readonly capacity = 1000) {}

  record(entry: JournalEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  latest(limit: number): JournalEntry[] {
    return this.entries.slice(-limit).reverse();
  }

  clear(): void {
    this.entries = [];
  }
}
