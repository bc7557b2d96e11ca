import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAvailable } from "../helpers/store-targets.js";
import { type Cluster, startCluster, streamTokens } from "./cluster.js";
import { type Acknowledged, type PollerLog, REGULATED, runPoller, runWriter } from "./workload.js";

/**
 * Invariant 3 across processes: three `regula serve` processes share one PostgreSQL database;
 * writers send through all three while pollers follow LinkedIn's algorithm through all three.
 * Every poller must end with exactly the events of the acknowledged messages, none twice,
 * with processedAt never going down in the order received.
 */
const ADMIN_KEY = "three-process-admin-key-0123456789";
const WRITERS_PER_SERVER = 2;
const REQUESTS_PER_WRITER = 16;

if (!postgresAvailable)
  console.warn("Skipping the three-process test: it needs PostgreSQL (see store-targets).");

describe.skipIf(!postgresAvailable)("three server processes on one PostgreSQL database", () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = await startCluster({ processes: 3, adminKey: ADMIN_KEY });
  }, 90_000);
  afterAll(async () => cluster?.close());

  it("gives every poller exactly the acknowledged messages' events, once, in non-decreasing processedAt", async () => {
    const { servers, store } = cluster!;
    const baseUrls = servers.map((s) => s.baseUrl);
    const streams = await streamTokens(store);
    let writersDone = false;
    const writers = Array.from({ length: servers.length * WRITERS_PER_SERVER }, (_, i) =>
      runWriter({ baseUrls, adminKey: ADMIN_KEY, requests: REQUESTS_PER_WRITER, seed: i + 1 }),
    );
    const pollers = streams.map((s, i) =>
      runPoller({ baseUrls, token: s.token, first: i, done: () => writersDone }),
    );
    const writing = Promise.all(writers).finally(() => {
      writersDone = true;
    });
    // Settle both, so a failing writer still lets every poller finish before the servers die.
    const [written, polled] = await Promise.allSettled([writing, Promise.all(pollers)]);
    if (written.status === "rejected") throw written.reason;
    if (polled.status === "rejected") throw polled.reason;
    const acknowledged: Acknowledged[] = written.value.flat();
    const logs = polled.value;

    expect(acknowledged.length).toBeGreaterThan(200);
    for (const [i, stream] of streams.entries()) {
      const where = `stream ${stream.application}/${stream.member}`;
      const expected = acknowledged
        .filter((m) => m.participants.includes(stream.member))
        .map((m) => m.id);
      const log: PollerLog = logs[i]!;
      const got = [...log.events.values()];
      expect(new Set(got.map((e) => e.owner)), where).toEqual(
        new Set([`urn:li:person:${stream.member}`]),
      );
      // Lost or unexpected: the sets differ. Duplicate: two event ids for one message.
      expect(got.map((e) => e.resourceId).sort(), where).toEqual(expected.sort());
      expect(
        nonDecreasing(got.map((e) => e.processedAt)),
        `${where}: first receipts in order`,
      ).toBe(true);
      expect(nonDecreasing(log.received), `${where}: every element received in order`).toBe(true);
      expect(log.polls, where).toBeGreaterThan(1);
    }
    // The servers agree with the model about who each message was captured for.
    for (const message of acknowledged) {
      const expectedFor = Object.entries(REGULATED).flatMap(([application, members]) =>
        message.participants
          .filter((p) => members.includes(p))
          .map((p) => `urn:li:person:${p}|${application}`),
      );
      expect(message.capturedFor.map((c) => `${c.owner}|${c.application}`).sort()).toEqual(
        expectedFor.sort(),
      );
    }
  }, 60_000);
});

function nonDecreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1]! <= v);
}
