import { runCaptureClientChild } from "./capture-runner.js";
import type { KnownThread } from "./message-source.js";
import { markStore, runRawCopy } from "./raw-copy.js";
import type { WorkingCopy } from "./store-cache.js";

export const CAPTURE_BATCH = 100;
export const BATCH_CLIENTS = 4;
export const SINGLE_CLIENTS = 16;

export interface CaptureRoundLine {
  phase: "capture";
  target:
    | "regula-batch100"
    | "raw-batch100"
    | "regula-single16"
    | "raw-single-tx1"
    | "raw-single-grouped16";
  round: number;
  messages: number;
  messagesPerSec: number;
  transactions?: number;
  p50Ms?: number;
  p99Ms?: number;
  events?: number;
  failed?: number;
}

/**
 * Interleaved capture rounds against a running Regula on `store`: a timed round of
 * `messages:batch` (100 messages of 1 KB, BATCH_CLIENTS clients), then the raw anchor
 * inserting copies of exactly the rows that round wrote, 100 messages' rows per
 * transaction; then a timed round of single `POST /sandbox/messages` from SINGLE_CLIENTS
 * clients, and the raw anchor over its rows twice: one transaction per message, and
 * transactions of 16 (what an ideal group commit of 16 concurrent requests would do).
 */
export async function runCaptureRounds(options: {
  baseUrl: string;
  store: WorkingCopy;
  rounds: number;
  durationS: number;
  threads: KnownThread[];
  onRound: (line: CaptureRoundLine) => void;
}): Promise<void> {
  let copy = 0;
  let threads = options.threads;
  const regulaRound = async (mode: "batch" | "single", round: number) => {
    const before = await markStore(options.store.target);
    const result = await runCaptureClientChild({
      baseUrl: options.baseUrl,
      mode,
      batchSize: CAPTURE_BATCH,
      clients: mode === "batch" ? BATCH_CLIENTS : SINGLE_CLIENTS,
      durationMs: options.durationS * 1000,
      threads,
      label: `capture-${mode}-${round}`,
    });
    threads = result.threads;
    const until = await markStore(options.store.target);
    options.onRound({
      phase: "capture",
      target: mode === "batch" ? "regula-batch100" : "regula-single16",
      round,
      messages: result.messages,
      messagesPerSec: Math.round(result.messages / (result.durationMs / 1000)),
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      events: result.events,
      failed: result.failed,
    });
    return { before, until };
  };
  const rawRound = async (
    target: CaptureRoundLine["target"],
    round: number,
    marks: {
      before: Awaited<ReturnType<typeof markStore>>;
      until: Awaited<ReturnType<typeof markStore>>;
    },
    groupSize: number,
    connections: number,
  ) => {
    copy += 1;
    const raw = await runRawCopy({
      target: options.store.target,
      markers: marks.before,
      until: marks.until,
      groupSize,
      copy,
      connections,
    });
    options.onRound({
      phase: "capture",
      target,
      round,
      messages: raw.messages,
      messagesPerSec: raw.messagesPerSec,
      transactions: raw.transactions,
    });
  };
  for (let round = 1; round <= options.rounds; round++) {
    const batch = await regulaRound("batch", round);
    await rawRound("raw-batch100", round, batch, CAPTURE_BATCH, BATCH_CLIENTS);
    const single = await regulaRound("single", round);
    await rawRound("raw-single-tx1", round, single, 1, SINGLE_CLIENTS);
    await rawRound("raw-single-grouped16", round, single, SINGLE_CLIENTS, 1);
  }
}
