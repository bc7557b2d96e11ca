import type { Journal } from "../services.js";
/** One answered call to `/rest`, `/v2` or `/oauth`, without credentials. */
export interface JournalEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  application: string | null;
  member: string | null;
  fault: string | null;
}

/** Query parameters that may carry credentials: their values never enter the journal. */
const SECRET_PARAMS = new Set([
  "code",
  "token",
  "access_token",
  "refresh_token",
  "client_secret",
  "code_verifier",
  "oauth2_access_token",
]);

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

/** The request path with secret-bearing query values replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  const [path, query] = url.split("?", 2) as [string, string | undefined];
  if (!query) return path;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) {
    if (SECRET_PARAMS.has(key.toLowerCase())) params.set(key, "REDACTED");
  }
  return `${path}?${params.toString()}`;
}
