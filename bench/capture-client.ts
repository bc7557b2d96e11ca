/**
 * The capture load generator, run as a child process so it never shares the server's event
 * loop: `node --import tsx bench/capture-client.ts CONFIG.json`. Posts messages through
 * `POST /sandbox/messages:batch` (mode batch) or `POST /sandbox/messages` (mode single) from
 * `clients` concurrent keep-alive connections, until `totalMessages` are sent or `durationMs`
 * has passed, and prints one JSON line (CaptureClientResult) on stdout.
 */
import fs from "node:fs";
import http from "node:http";
import { type KnownThread, MessageSource } from "./message-source.js";
import { percentile, roundMs } from "./percentiles.js";
import { postAdminJson } from "./post-json.js";
import { ADMIN_KEY } from "./world-plan.js";

export interface CaptureClientConfig {
  baseUrl: string;
  mode: "batch" | "single";
  batchSize: number;
  clients: number;
  totalMessages?: number;
  durationMs?: number;
  /** Loads move the frozen clock forward after every request, spreading processedAt. */
  advanceClockMs?: number;
  threads: KnownThread[];
  label: string;
  /** Progress lines on stderr every this many messages (0: none). */
  progressEvery?: number;
}

export interface CaptureClientResult {
  requests: number;
  messages: number;
  events: number;
  failed: number;
  durationMs: number;
  p50Ms: number;
  p99Ms: number;
  threads: KnownThread[];
}

// Below the server's 5 s keep-alive timeout, so the client never writes on a socket the
// server is closing (a POST cannot be retried safely).
const agent = new http.Agent({ keepAlive: true, timeout: 4000, maxSockets: 256 });

function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return postAdminJson(url, body, ADMIN_KEY, agent);
}

interface Captured {
  thread: string;
  capturedFor: unknown[];
}

export async function runCaptureClient(config: CaptureClientConfig): Promise<CaptureClientResult> {
  const source = new MessageSource(config.label, config.threads);
  const perRequest = config.mode === "batch" ? config.batchSize : 1;
  const latencies: number[] = [];
  let sent = 0;
  let events = 0;
  let failed = 0;
  let nextProgress = config.progressEvery ?? 0;
  const started = performance.now();
  const deadline = config.durationMs === undefined ? Infinity : started + config.durationMs;
  const total = config.totalMessages ?? Infinity;
  const client = async () => {
    while (performance.now() < deadline && sent < total) {
      const size = Math.min(perRequest, total - sent);
      sent += size;
      const batch = Array.from({ length: size }, () => source.next());
      const body =
        config.mode === "batch"
          ? JSON.stringify({ messages: batch.map((b) => b.message) })
          : JSON.stringify(batch[0]!.message);
      const at = performance.now();
      const res = await post(
        `${config.baseUrl}/sandbox/messages${config.mode === "batch" ? ":batch" : ""}`,
        body,
      );
      latencies.push(performance.now() - at);
      if (res.status !== 201) {
        failed += size;
        if (failed > 10 * perRequest) throw new Error(`${res.status} ${res.body.slice(0, 300)}`);
        continue;
      }
      const parsed = JSON.parse(res.body) as Captured & { results?: Captured[] };
      const results = parsed.results ?? [parsed];
      results.forEach((r, i) => {
        events += r.capturedFor.length;
        source.learn(batch[i]!.key, r.thread);
      });
      if (config.advanceClockMs) {
        await post(`${config.baseUrl}/sandbox/clock`, `{"advanceMs":${config.advanceClockMs}}`);
      }
      if (nextProgress && sent >= nextProgress) {
        process.stderr.write(`capture-client: ${sent} messages\n`);
        nextProgress += config.progressEvery ?? 0;
      }
    }
  };
  await Promise.all(Array.from({ length: config.clients }, client));
  const durationMs = performance.now() - started;
  return {
    requests: latencies.length,
    messages: sent - failed,
    events,
    failed,
    durationMs: Math.round(durationMs),
    p50Ms: roundMs(percentile(latencies, 50)),
    p99Ms: roundMs(percentile(latencies, 99)),
    threads: source.threads(),
  };
}

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  const config = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as CaptureClientConfig;
  const result = await runCaptureClient(config);
  agent.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
