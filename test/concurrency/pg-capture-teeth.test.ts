import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAvailable } from "../helpers/store-targets.js";
import { type Cluster, lostMessages, startCluster, streamTokens } from "./cluster.js";
import { type Acknowledged, runPoller, runWriter } from "./workload.js";

/**
 * The checker has teeth (design/capture-ordering.md, "Proving it"): with the test-only
 * variant that stamps processedAt before taking the member locks, the three-process check
 * must see a poller miss an acknowledged message in at least 8 of 10 short runs. A checker
 * that passes a broken capture proves nothing about the real one.
 */
const ADMIN_KEY = "capture-teeth-admin-key-0123456789";
const RUNS = 10;
const REQUIRED_FLAGS = 8;
const WRITERS_PER_SERVER = 2;
const REQUESTS_PER_WRITER = 12;

if (!postgresAvailable)
  console.warn("Skipping the capture-teeth test: it needs PostgreSQL (see store-targets).");

describe.skipIf(!postgresAvailable)("the three-process checker against a broken capture", () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = await startCluster({
      processes: 3,
      adminKey: ADMIN_KEY,
      env: { REGULA_TEST_CAPTURE_VARIANT: "stamp-before-lock", REGULA_ENABLE_TEST_VARIANTS: "1" },
    });
  }, 90_000);
  afterAll(async () => cluster?.close());

  /** One short run on a freshly reset world; returns how many acknowledged messages a poller missed. */
  async function runOnce(run: number): Promise<number> {
    const { servers, store } = cluster!;
    const baseUrls = servers.map((s) => s.baseUrl);
    const reset = await fetch(`${baseUrls[0]}/sandbox/reset`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(reset.status).toBe(200);
    const streams = await streamTokens(store);
    let writersDone = false;
    const writers = Array.from({ length: servers.length * WRITERS_PER_SERVER }, (_, i) =>
      runWriter({
        baseUrls,
        adminKey: ADMIN_KEY,
        requests: REQUESTS_PER_WRITER,
        seed: run * 100 + i + 1,
      }),
    );
    const pollers = streams.map((s, i) =>
      runPoller({ baseUrls, token: s.token, first: i, done: () => writersDone }),
    );
    const writing = Promise.all(writers).finally(() => {
      writersDone = true;
    });
    const [written, polled] = await Promise.allSettled([writing, Promise.all(pollers)]);
    if (written.status === "rejected") throw written.reason;
    if (polled.status === "rejected") throw polled.reason;
    const acknowledged: Acknowledged[] = written.value.flat();
    expect(acknowledged.length).toBeGreaterThan(50);
    return streams.reduce(
      (lost, stream, i) => lost + lostMessages(stream, acknowledged, polled.value[i]!).length,
      0,
    );
  }

  it(`flags the stamp-before-lock capture in at least ${REQUIRED_FLAGS} of ${RUNS} runs`, async () => {
    const lostPerRun: number[] = [];
    for (let run = 1; run <= RUNS; run++) lostPerRun.push(await runOnce(run));
    const flagged = lostPerRun.filter((lost) => lost > 0).length;
    console.log(
      `capture teeth: flagged ${flagged}/${RUNS} runs; missed events per run: ${lostPerRun.join(", ")}`,
    );
    expect(flagged).toBeGreaterThanOrEqual(REQUIRED_FLAGS);
  }, 240_000);
});
