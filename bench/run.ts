/**
 * `npm run bench -- [flags]` (bench/bench-options.ts, docs/benchmarks.md): issue 11's
 * figures in one invocation. Regula runs as `node dist/bin/main.js serve` (what the bench
 * script builds first), the load generators (wrk, bench/capture-client.ts) and the anchors
 * (bare Fastify, bare node:http, raw inserts) each in a process of their own, round by round
 * interleaved, on stores loaded once and cached by size and schema version. One JSON line
 * per round on stdout (progress on stderr), then the tables and the goals.
 */

import { parseBenchOptions } from "./bench-options.js";
import { measureColdStart } from "./cold-start.js";
import { ensureLoadedStore } from "./load-store.js";
import { runProducePhase } from "./produce-phase.js";
import { renderReport } from "./report.js";
import { runSize } from "./size-run.js";
import { measureStorage, type StorageFigures } from "./storage-figures.js";
import { sizeLabel } from "./store-cache.js";
import type { TaggedLine } from "./summary.js";

const options = parseBenchOptions(process.argv.slice(2));
const lines: TaggedLine[] = [];
const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (!options.loadOnly) {
  print({
    phase: "cold-start",
    store: "sqlite",
    ...(await measureColdStart(options.coldStartRuns)),
  });
}
if (options.coldStartOnly) process.exit(0);

const storage: Record<string, StorageFigures> = {};
let bigBatchStatus: number | null = null;
const sizes = options.sizes.map(sizeLabel);
for (const events of options.sizes) {
  const size = sizeLabel(events);
  const entry = await ensureLoadedStore(options.store, events, options.cacheDir);
  const meta = entry.meta!;
  storage[size] = await measureStorage(entry);
  print({
    phase: "store",
    store: options.store,
    size,
    events: meta.events,
    messages: meta.messages,
    schemaVersion: meta.schemaVersion,
    loadMs: meta.loadMs,
    loadMessagesPerSec: meta.loadMessagesPerSec,
    ...storage[size],
  });
  if (options.loadOnly) continue;
  const capture = options.captureSizes.includes(events);
  // A size whose run fails (on this shared machine a server has been stopped from outside
  // mid-run) is run again once, on a fresh copy; only the complete attempt's rounds count.
  let status: number | null = null;
  for (let attempt = 1; ; attempt++) {
    const attemptLines: TaggedLine[] = [];
    try {
      status = await runSize(
        entry,
        { ...options, capture, bigBatch: capture && bigBatchStatus === null },
        (line) => {
          const tagged = { ...line, store: options.store, size, attempt };
          if (line.phase === "read" || line.phase === "capture") {
            attemptLines.push(tagged as unknown as TaggedLine);
          }
          print(tagged);
        },
      );
      lines.push(...attemptLines);
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
      process.stderr.write(`bench: ${size} failed, running it again: ${error}\n`);
      print({ phase: "retry", store: options.store, size, error: String(error).slice(0, 500) });
    }
  }
  bigBatchStatus ??= status;
}

if (options.loadOnly) process.exit(0);
process.stdout.write(`${renderReport({ ...options, sizes, lines, storage, bigBatchStatus })}\n`);

// Last, with the servers gone, so produce has the machine to itself.
if (options.produce)
  print({ phase: "produce", ...(await runProducePhase(options.produceEvents, 100)) });
