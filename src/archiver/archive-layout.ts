import fs from "node:fs/promises";
import path from "node:path";

/**
 * Where things live in an archive directory:
 *
 *   <dir>/<personId>/YYYY-MM-DD.jsonl   records, by UTC day of the event's processedAt
 *   <dir>/<personId>/checkpoint.json    the polling cursor and chain head, rewritten atomically
 *   <dir>/<personId>/capture-window.ndjson  consent transitions the archiver observed, appended
 *   <dir>/.lock                         held by the running archiver
 *
 * `personId` is percent-encoded, so any id LinkedIn hands out is a safe directory name.
 */
export const CHECKPOINT_FILE = "checkpoint.json";
export const LOCK_FILE = ".lock";
export const CAPTURE_WINDOW_FILE = "capture-window.ndjson";

const PERSON_URN = /^urn:li:person:([^\s/\\]+)$/;
const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

/** The person id of a `urn:li:person:…`, or null. */
export function personIdOf(memberUrn: string): string | null {
  return PERSON_URN.exec(memberUrn)?.[1] ?? null;
}

export function memberDirectory(archiveDir: string, memberUrn: string): string {
  const id = personIdOf(memberUrn);
  if (id === null) throw new Error(`${memberUrn} is not a urn:li:person URN`);
  return path.join(archiveDir, encodeURIComponent(id));
}

/** The member a directory belongs to, from its name; null for names no member has. */
export function memberUrnOfDirectory(dirName: string): string | null {
  try {
    const urn = `urn:li:person:${decodeURIComponent(dirName)}`;
    return personIdOf(urn) === null ? null : urn;
  } catch {
    return null;
  }
}

export function dayFileName(processedAtMs: number): string {
  return `${new Date(processedAtMs).toISOString().slice(0, 10)}.jsonl`;
}

/** A member directory's day files, oldest first (the names sort as dates). */
export async function listDayFiles(memberDir: string): Promise<string[]> {
  const names = await fs.readdir(memberDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  return names.filter((name) => DAY_FILE.test(name)).sort();
}
