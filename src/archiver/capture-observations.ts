import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { CAPTURE_WINDOW_FILE } from "./archive-layout.js";
import { appendDurably, truncateDurably } from "./durable-files.js";

/**
 * What the archiver saw of a member's consent, one JSON line per change, in
 * `<member dir>/capture-window.ndjson` (docs/archive-format.md). Append-only: a line is
 * written only when an aspect's state differs from the last line for that aspect, so the
 * file is the member's capture window as a list of transitions.
 *
 * - `token`: a token for the member the archiver had not used before (`first-seen`, then
 *   `new`: the member authorized again). Only a fingerprint is kept, never the token.
 * - `introspection`: `active` with the server's `expiresAt`, or `inactive` with its status.
 * - `authorization`: `opted-in` with the server's `regulatedAt`, or `not-opted-in`.
 * - `events-api`: `accepted` or `rejected` (a 401, with the server's code).
 */
export type ObservationAspect = "token" | "introspection" | "authorization" | "events-api";

export interface CaptureObservation {
  /** The archiver's clock when it observed the state (ISO 8601 UTC). */
  observedAt: string;
  aspect: ObservationAspect;
  state: string;
  /** First 8 hex digits of the SHA-256 of the token the observation was made with. */
  token?: string;
  /** Server-stated times, when the server states one. */
  expiresAt?: string;
  regulatedAt?: string;
  /** The server's word for an inactive token (`expired`, `revoked`) or a 401's code. */
  status?: string;
}

/** The token's fingerprint: enough to tell tokens apart, useless to anyone holding the file. */
export function tokenFingerprint(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex").slice(0, 8);
}

/** A member's observations file, opened for appending transitions. */
export class CaptureObservations {
  private constructor(
    private readonly file: string,
    private readonly last: Map<ObservationAspect, string>,
    private readonly tokens: Set<string>,
  ) {}

  /** Reads what was observed before; drops a line a crash left half written. */
  static async open(memberDir: string): Promise<CaptureObservations> {
    const file = path.join(memberDir, CAPTURE_WINDOW_FILE);
    const { observations, completeBytes, totalBytes } = await readFile(file);
    if (completeBytes < totalBytes) await truncateDurably(file, completeBytes);
    const last = new Map<ObservationAspect, string>();
    const tokens = new Set<string>();
    for (const o of observations) {
      last.set(o.aspect, stateKey(o));
      if (o.token) tokens.add(o.token);
    }
    return new CaptureObservations(file, last, tokens);
  }

  /** Whether a token with this fingerprint was ever seen for the member. */
  hasSeenToken(fingerprint: string): boolean {
    return this.tokens.has(fingerprint);
  }

  /** Whether any token was ever seen for the member. */
  hasSeenAnyToken(): boolean {
    return this.tokens.size > 0;
  }

  /** Appends `observation` durably if it changes its aspect's state; true when written. */
  async record(observation: CaptureObservation): Promise<boolean> {
    const key = stateKey(observation);
    if (this.last.get(observation.aspect) === key) return false;
    await appendDurably(this.file, `${JSON.stringify(observation)}\n`);
    this.last.set(observation.aspect, key);
    if (observation.token) this.tokens.add(observation.token);
    return true;
  }
}

/**
 * Every observation recorded for the member, oldest first (none when the file is absent),
 * and the 1-based numbers of lines that are not observations.
 */
export async function readCaptureObservations(
  memberDir: string,
): Promise<{ observations: CaptureObservation[]; unreadableLines: number[] }> {
  const { observations, unreadableLines } = await readFile(
    path.join(memberDir, CAPTURE_WINDOW_FILE),
  );
  return { observations, unreadableLines };
}

function parseObservation(line: string): CaptureObservation | null {
  try {
    const value = JSON.parse(line) as Partial<CaptureObservation> | null;
    if (typeof value?.observedAt !== "string" || Number.isNaN(Date.parse(value.observedAt))) {
      return null;
    }
    if (typeof value.aspect !== "string" || typeof value.state !== "string") return null;
    return value as CaptureObservation;
  } catch {
    return null;
  }
}

function stateKey(o: CaptureObservation): string {
  const { observedAt: _, ...state } = o;
  return JSON.stringify(state, Object.keys(state).sort());
}

async function readFile(file: string) {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return { observations: [], unreadableLines: [], completeBytes: 0, totalBytes: 0 };
  }
  const end = text.lastIndexOf("\n") + 1;
  const observations: CaptureObservation[] = [];
  const unreadableLines: number[] = [];
  // A damaged line must not stop archiving; it is skipped here and named by `produce`.
  for (const [i, line] of text.slice(0, end).split("\n").entries()) {
    if (line.trim() === "") continue;
    const parsed = parseObservation(line);
    if (parsed) observations.push(parsed);
    else unreadableLines.push(i + 1);
  }
  return {
    observations,
    unreadableLines,
    completeBytes: Buffer.byteLength(text.slice(0, end), "utf8"),
    totalBytes: Buffer.byteLength(text, "utf8"),
  };
}
