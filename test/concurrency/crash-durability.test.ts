import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createPostgresDatabase,
  createTempDir,
  postgresAvailable,
} from "../helpers/store-targets.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { APPS, MEMBERS, REGULATED, seed } from "./workload.js";

/**
 * Invariant 4: a message acknowledged with 201 survives a kill -9 of the server at any
 * moment, with all its events; a message is never stored without its events (all or
 * nothing per request). Writers send while the server is killed at a random moment, three
 * times; after each restart every acknowledged message and every stored message is checked.
 */
const ADMIN_KEY = "crash-test-admin-key-0123456789";
const KILLS = 3;
const WRITERS = 4;

interface Sent {
  id: string;
  from: string;
  to: string[];
}

const targets = postgresAvailable ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

describe.each(targets)("durability across kill -9 on %s", (kind) => {
  const temp = createTempDir("regula-crash-");
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    temp.remove();
  });

  it("keeps every acknowledged message and its events, and no message without them", async () => {
    const seedFile = path.join(temp.dir, "seed.json");
    fs.writeFileSync(seedFile, JSON.stringify(seed));
    const env: Record<string, string> = {
      REGULA_ADMIN_KEY: ADMIN_KEY,
      REGULA_SEED: seedFile,
      REGULA_DATA_DIR: temp.dir,
      LOG_LEVEL: "warn",
    };
    if (kind === "postgres") {
      const database = await createPostgresDatabase();
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
    }
    const acknowledged: Sent[] = [];
    for (let round = 0; round < KILLS; round++) {
      const server = await startServerProcess(env);
      cleanups.push(() => server.kill());
      await verifyWorld(server, acknowledged);
      const stop = { now: false };
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        writeUntilStopped(server, w + round * WRITERS, stop, acknowledged),
      );
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 700)));
      await server.kill();
      stop.now = true;
      await Promise.all(writers);
    }
    const last = await startServerProcess(env);
    cleanups.push(() => last.kill());
    const stored = await verifyWorld(last, acknowledged);
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(stored).toBeGreaterThanOrEqual(acknowledged.length);
  }, 120_000);
});

/** Sends single messages until stopped; records those the server acknowledged with 201. */
async function writeUntilStopped(
  server: ServerProcess,
  writer: number,
  stop: { now: boolean },
  acknowledged: Sent[],
) {
  // Bounded, so the verification reads fit one page of threads and events.
  for (let i = 0; !stop.now && i < 60; i++) {
    const from = MEMBERS[(writer + i) % MEMBERS.length]!;
    const to = [MEMBERS[(writer + i + 1) % MEMBERS.length]!];
    try {
      const res = await fetch(`${server.baseUrl}/sandbox/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({
          from: `urn:li:person:${from}`,
          to: to.map((m) => `urn:li:person:${m}`),
          text: `w${writer} #${i}`,
        }),
      });
      if (res.status === 201)
        acknowledged.push({ id: ((await res.json()) as { id: string }).id, from, to });
    } catch {
      return; // the server died under us: whatever was not acknowledged may or may not exist
    }
  }
}

/** Checks every acknowledged and every stored message has exactly its regulated owners' events. */
async function verifyWorld(server: ServerProcess, acknowledged: Sent[]): Promise<number> {
  const get = async (url: string) => {
    const res = await fetch(`${server.baseUrl}${url}`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(res.status, url).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const eventsByStream = new Map<string, Set<string>>();
  for (const app of APPS) {
    for (const member of MEMBERS) {
      const body = (await get(
        `/sandbox/events?application=${app}&member=${member}&limit=1000`,
      )) as {
        elements: Array<{ resourceId: string }>;
      };
      eventsByStream.set(`${app}/${member}`, new Set(body.elements.map((e) => e.resourceId)));
    }
  }
  const threads = (await get("/sandbox/threads?limit=1000")) as { elements: Array<{ id: string }> };
  let stored = 0;
  const storedIds = new Set<string>();
  for (const thread of threads.elements) {
    const detail = (await get(`/sandbox/threads/${thread.id}`)) as {
      participants: Array<{ member: string }>;
      messages: Array<{ id: string }>;
    };
    for (const message of detail.messages) {
      stored += 1;
      storedIds.add(message.id);
      for (const participant of detail.participants) {
        const member = participant.member.replace("urn:li:person:", "");
        for (const app of APPS) {
          const expected = REGULATED[app]!.includes(member);
          expect(
            eventsByStream.get(`${app}/${member}`)!.has(message.id),
            `${message.id} for ${app}/${member}`,
          ).toBe(expected);
        }
      }
    }
  }
  for (const sent of acknowledged)
    expect(storedIds.has(sent.id), `acknowledged ${sent.id} lost`).toBe(true);
  return stored;
}
