import type { SeedDocument } from "../../src/sandbox/seed-document.js";

/**
 * The world and the clients of the multi-process test: writers that send messages through
 * every server, and pollers that follow LinkedIn's documented algorithm.
 */

export const APPS = ["610001", "610002"] as const;
export const MEMBERS = ["pm0", "pm1", "pm2", "pm3", "pm4", "pm5"] as const;
/** Who is regulated for which application; pm5 is regulated for none. */
export const REGULATED: Record<string, readonly string[]> = {
  "610001": ["pm0", "pm1", "pm2", "pm3"],
  "610002": ["pm0", "pm2", "pm4"],
};

export const seed: SeedDocument = {
  applications: APPS.map((id) => ({
    id,
    name: `Archiver ${id}`,
    redirectUris: [],
    clientId: `archiver-${id}`,
    clientSecret: `secret-of-archiver-${id}`,
  })),
  members: MEMBERS.map((id, i) => ({
    id,
    firstName: id,
    lastName: "Member",
    salesIdentityId: String(910001 + i),
  })),
  authorizations: Object.entries(REGULATED).flatMap(([application, members]) =>
    members.map((member) => ({ application, member })),
  ),
  messages: [],
};

export interface Acknowledged {
  id: string;
  participants: string[];
  capturedFor: Array<{ owner: string; application: string }>;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
export function randomSource(seedValue: number): (n: number) => number {
  let a = seedValue >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const urn = (member: string) => `urn:li:person:${member}`;

/**
 * Sends `requests` requests, rotating over the servers: single messages and batches of up to
 * 10, new threads and replies into this writer's threads. Returns what was acknowledged (201).
 */
export async function runWriter(options: {
  baseUrls: readonly string[];
  adminKey: string;
  requests: number;
  seed: number;
}): Promise<Acknowledged[]> {
  const random = randomSource(options.seed);
  const threads: Array<{ urn: string; participants: string[] }> = [];
  const acknowledged: Acknowledged[] = [];
  for (let r = 0; r < options.requests; r++) {
    const drafts: Array<{ body: Record<string, unknown>; participants: string[] }> = [];
    const size = r % 2 === 0 ? 1 : 1 + random(10);
    for (let i = 0; i < size; i++) {
      const thread =
        threads.length > 0 && random(3) === 0 ? threads[random(threads.length)] : undefined;
      if (thread) {
        const from = thread.participants[random(thread.participants.length)]!;
        drafts.push({
          body: { from: urn(from), thread: thread.urn, text: `reply ${r}.${i}` },
          participants: thread.participants,
        });
      } else {
        const from = MEMBERS[random(MEMBERS.length)]!;
        const to = MEMBERS.filter((m) => m !== from && random(3) === 0);
        if (to.length === 0) to.push(MEMBERS[(MEMBERS.indexOf(from) + 1) % MEMBERS.length]!);
        drafts.push({
          body: { from: urn(from), to: to.map(urn), text: `new ${r}.${i}` },
          participants: [from, ...to],
        });
      }
    }
    const baseUrl = options.baseUrls[(options.seed + r) % options.baseUrls.length]!;
    const batch = drafts.length > 1;
    const res = await fetch(`${baseUrl}/sandbox/messages${batch ? ":batch" : ""}`, {
      method: "POST",
      headers: { authorization: `Bearer ${options.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify(batch ? { messages: drafts.map((d) => d.body) } : drafts[0]!.body),
    });
    if (res.status !== 201)
      throw new Error(`writer ${options.seed}: ${res.status} ${await res.text()}`);
    const json = (await res.json()) as { results?: SentView[] } & SentView;
    const results = batch ? json.results! : [json];
    results.forEach((sent, i) => {
      const participants = drafts[i]!.participants;
      acknowledged.push({ id: sent.id, participants, capturedFor: sent.capturedFor });
      if (!("thread" in drafts[i]!.body)) threads.push({ urn: sent.thread, participants });
    });
  }
  return acknowledged;
}

interface SentView {
  id: string;
  thread: string;
  capturedFor: Array<{ owner: string; application: string }>;
}

export interface PollerLog {
  /** Distinct events by id, in the order first received. */
  events: Map<number, { resourceId: string; owner: string; processedAt: number }>;
  /** processedAt of every element received, duplicates included, in order. */
  received: number[];
  polls: number;
}

/**
 * LinkedIn's polling algorithm: ask from `startTime` = the latest processedAt seen
 * (inclusive), page with count=50 until a short page, deduplicate by id. Each request goes to
 * the next server in rotation. Polls until `done()` is true, then once more.
 */
export async function runPoller(options: {
  baseUrls: readonly string[];
  token: string;
  first: number;
  done: () => boolean;
}) {
  const log: PollerLog = { events: new Map(), received: [], polls: 0 };
  let cursor = 0;
  let rotation = options.first;
  const pollOnce = async () => {
    let latest = cursor;
    for (let start = 0; ; start += 50) {
      const baseUrl = options.baseUrls[rotation++ % options.baseUrls.length]!;
      const url = `${baseUrl}/rest/complianceEvents?q=memberAndApplication&startTime=${cursor}&start=${start}&count=50`;
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${options.token}`, "linkedin-version": "202310" },
      });
      if (res.status !== 200) throw new Error(`poller: ${res.status} ${await res.text()}`);
      const { elements } = (await res.json()) as {
        elements: Array<{ id: number; resourceId: string; owner: string; processedAt: number }>;
      };
      for (const e of elements) {
        log.received.push(e.processedAt);
        if (!log.events.has(e.id))
          log.events.set(e.id, {
            resourceId: e.resourceId,
            owner: e.owner,
            processedAt: e.processedAt,
          });
        latest = Math.max(latest, e.processedAt);
      }
      if (elements.length < 50) break;
    }
    cursor = latest;
    log.polls += 1;
  };
  while (!options.done()) await pollOnce();
  await pollOnce();
  return log;
}
