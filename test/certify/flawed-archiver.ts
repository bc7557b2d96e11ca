/**
 * A small archiver that follows the certification contract (docs/certify.md) and polls the
 * way LinkedIn documents — unless told to carry one of the polling bugs seen in the wild.
 * `regula certify` must flag each flaw; with no flaw it must pass (the control in the tests).
 *
 *   node --import tsx test/certify/flawed-archiver.ts [flaw]
 *
 * It is deliberately independent of src/archiver: the checker is tested against a poller it
 * did not grow up with.
 */
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const flaws = [
  /** Next startTime = this host's clock when the last run began (a lastSyncDate cursor). */
  "own-clock-cursor",
  /** Next startTime = last processedAt + 1: events sharing that millisecond are skipped. */
  "exclusive-start",
  /** Inclusive startTime, but events already archived are archived again. */
  "no-dedup",
  /** startTime fixed at the first run's now − 28 days, paging on with `start` offsets. */
  "fixed-start-offset",
  /** Retries a 429 at once instead of waiting as long as Retry-After says. */
  "ignores-retry-after",
  /** Ends the whole pass at the first member whose page comes back short. */
  "stops-at-first-short-page",
] as const;
export type Flaw = (typeof flaws)[number];

const PAGE = 50;
const PASS_EVERY_MS = 300;
const WINDOW_MS = 28 * 86_400_000;

interface Cursor {
  startTime: number;
  /** Ids archived at `startTime`'s millisecond (dropped when they come again). */
  idsAtStart: number[];
  offset: number;
}

interface Event {
  id: number;
  processedAt: number;
  owner?: string;
}

const flaw = process.argv[2] as Flaw | undefined;
if (flaw !== undefined && !flaws.includes(flaw)) throw new Error(`unknown flaw ${flaw}`);
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const baseUrl = env("REGULA_BASE_URL");
const tokensFile = env("REGULA_MEMBER_TOKENS");
const outputFile = env("REGULA_ARCHIVE_OUTPUT");
const stateFile = path.join(env("REGULA_STATE_DIR"), "flawed-archiver.json");

const cursors: Record<string, Cursor> = fs.existsSync(stateFile)
  ? (JSON.parse(fs.readFileSync(stateFile, "utf8")) as Record<string, Cursor>)
  : {};
const archived = new Set<number>();
if (fs.existsSync(outputFile)) {
  for (const line of fs.readFileSync(outputFile, "utf8").split("\n")) {
    if (line.trim()) archived.add((JSON.parse(line) as Event).id);
  }
}

/** Tokens answered 401: not used again (polling with a dead token is a finding of its own). */
const deadTokens = new Set<string>();
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

async function get(url: string, token: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(url, {
      headers: {
        Authorization: `Bearer ${token}`,
        "LinkedIn-Version": "202310",
        "X-RestLi-Protocol-Version": "2.0.0",
      },
    });
    if ((answer.status !== 429 && answer.status < 500) || attempt >= 8) return answer;
    await answer.arrayBuffer();
    const retryAfter = Number(answer.headers.get("retry-after") ?? "1");
    const waitMs =
      answer.status === 429 && flaw === "ignores-retry-after"
        ? 20
        : Math.max(retryAfter * 1000, 200 * 2 ** attempt);
    await sleep(waitMs);
  }
}

function record(events: Event[], member: string): void {
  const fresh = flaw === "no-dedup" ? events : events.filter((e) => !archived.has(e.id));
  if (fresh.length === 0) return;
  for (const event of fresh) archived.add(event.id);
  const lines = fresh.map((e) => JSON.stringify({ ...e, owner: e.owner ?? member }));
  fs.appendFileSync(outputFile, `${lines.join("\n")}\n`);
}

/** Polls one member until caught up; answers whether its last page was short. */
async function pollMember(member: string, token: string, runStartedAt: number): Promise<boolean> {
  const cursor = cursors[member] ?? {
    startTime: flaw === "fixed-start-offset" ? Date.now() - WINDOW_MS : 0,
    idsAtStart: [],
    offset: 0,
  };
  cursors[member] = cursor;
  for (;;) {
    const query = new URLSearchParams({
      q: "memberAndApplication",
      startTime: String(cursor.startTime),
      count: String(PAGE),
    });
    if (cursor.offset > 0) query.set("start", String(cursor.offset));
    const answer = await get(`${baseUrl}/rest/complianceEvents?${query}`, token);
    if (answer.status !== 200) {
      if (answer.status === 401) deadTokens.add(token);
      console.error(`${member}: complianceEvents answered ${answer.status}`);
      await answer.arrayBuffer();
      return true;
    }
    const events = ((await answer.json()) as { elements: Event[] }).elements;
    const unseen = events.filter((e) => !cursor.idsAtStart.includes(e.id));
    record(flaw === "no-dedup" ? events : unseen, member);
    advance(cursor, events);
    if (events.length < PAGE) {
      if (flaw === "own-clock-cursor")
        Object.assign(cursor, { startTime: runStartedAt, offset: 0 });
      return true;
    }
  }
}

function advance(cursor: Cursor, events: Event[]): void {
  const last = events.at(-1);
  if (!last) return;
  if (flaw === "fixed-start-offset") {
    cursor.offset += events.length;
  } else if (flaw === "exclusive-start") {
    Object.assign(cursor, { startTime: last.processedAt + 1, offset: 0 });
  } else if (last.processedAt > cursor.startTime) {
    const idsAtStart = events.filter((e) => e.processedAt === last.processedAt).map((e) => e.id);
    Object.assign(cursor, { startTime: last.processedAt, idsAtStart, offset: 0 });
  } else {
    cursor.idsAtStart.push(...events.map((e) => e.id));
    cursor.offset += events.length;
  }
}

while (!stopping) {
  const runStartedAt = Date.now();
  let tokens: Record<string, string> = {};
  try {
    tokens = JSON.parse(fs.readFileSync(tokensFile, "utf8")) as Record<string, string>;
  } catch {
    // Replaced atomically, so only missing before the first write.
  }
  for (const [member, token] of Object.entries(tokens)) {
    if (stopping) break;
    if (deadTokens.has(token)) continue;
    const short = await pollMember(member, token, runStartedAt);
    if (short && flaw === "stops-at-first-short-page") break;
  }
  fs.writeFileSync(stateFile, JSON.stringify(cursors));
  await sleep(PASS_EVERY_MS);
}
