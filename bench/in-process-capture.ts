import { performance } from "node:perf_hooks";
import { ADMIN_KEY, type BenchWorld, HOT_MEMBER, OTHER_MEMBERS } from "./bench-world.js";
import { percentile, roundMs } from "./percentiles.js";
import { postAdminJson } from "./post-json.js";

export const BATCH_SIZE = 1000;

export interface CaptureFigures {
  messages: number;
  events: number;
  reqPerSec: number;
  messagesPerSec: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
  /** Real time just before the first and after the last batch: the processedAt range. */
  firstMs: number;
  lastMs: number;
}

/**
 * Loads `messages` messages through `POST /sandbox/messages:batch`, 1000 per request, from
 * `writers` concurrent connections on the loopback socket: the capture path end to end
 * (HTTP, validation, member locks, one transaction per batch, events).
 */
export async function runCapturePhase(
  world: BenchWorld,
  options: { messages: number; writers: number },
): Promise<CaptureFigures> {
  const batches = Math.ceil(options.messages / BATCH_SIZE);
  const latencies: number[] = [];
  let next = 0;
  let events = 0;
  let reported = 0;
  const firstMs = Date.now();
  const started = performance.now();
  const writer = async () => {
    for (let b = next++; b < batches; b = next++) {
      const size = Math.min(BATCH_SIZE, options.messages - b * BATCH_SIZE);
      const body = JSON.stringify({
        messages: Array.from({ length: size }, (_, i) => message(b * BATCH_SIZE + i)),
      });
      const sent = performance.now();
      const res = await postJson(`${world.baseUrl}/sandbox/messages:batch`, body);
      const text = res.body;
      latencies.push(performance.now() - sent);
      if (res.status !== 201) throw new Error(`batch ${b}: ${res.status} ${text.slice(0, 300)}`);
      const { results } = JSON.parse(text) as { results: Array<{ capturedFor: unknown[] }> };
      for (const r of results) events += r.capturedFor.length;
      if (latencies.length * 10 >= (reported + 1) * batches) {
        reported += 1;
        process.stderr.write(`capture: ${latencies.length}/${batches} batches\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, writer));
  const durationMs = performance.now() - started;
  const seconds = durationMs / 1000;
  return {
    messages: options.messages,
    events,
    reqPerSec: Math.round(batches / seconds),
    messagesPerSec: Math.round(options.messages / seconds),
    eventsPerSec: Math.round(events / seconds),
    p50Ms: roundMs(percentile(latencies, 50)),
    p99Ms: roundMs(percentile(latencies, 99)),
    durationMs: Math.round(durationMs),
    firstMs,
    lastMs: Date.now(),
  };
}

/** Message n: the hot member and one other, alternating sender, a new thread each. */
function message(n: number) {
  const other = `urn:li:person:${OTHER_MEMBERS[n % OTHER_MEMBERS.length]}`;
  const hot = `urn:li:person:${HOT_MEMBER}`;
  return n % 2 === 0
    ? { from: hot, to: [other], text: `bench message ${n}` }
    : { from: other, to: [hot], text: `bench reply ${n}` };
}

/**
 * One POST on a connection of its own (one per 1000 messages, so the cost is negligible):
 * a reused keep-alive socket can be closed by the server's idle timer just as the next
 * batch is written, which fails a non-idempotent request with ECONNRESET.
 */
function postJson(url: string, body: string): Promise<{ status: number; body: string }> {
  return postAdminJson(url, body, ADMIN_KEY, false);
}
