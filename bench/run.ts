import { parseArgs } from "node:util";
import { openBenchWorld } from "./bench-world.js";
import { runCapturePhase } from "./capture-phase.js";
import { measureColdStart } from "./cold-start.js";
import { runProducePhase } from "./produce-phase.js";
import { runReadPhase } from "./read-phase.js";

/**
 * `npm run bench -- [--store sqlite|postgres] [--messages N] [--duration S] [--connections C]
 * [--writers W] [--cold-start-runs N] [--cold-start-only] [--produce-events N] [--no-produce]`:
 * the compiled server's cold start (spawn to first answered request, `npm run bench` builds
 * dist/ first), capture throughput, event-page reads under load, then `archive produce` for
 * one member with N events (default 10,000; goal under 10 s), one JSON line per phase on
 * stdout (progress goes to stderr). Capture and reads run the server in this process on a real loopback socket;
 * PostgreSQL gets a database of its own, dropped at the end.
 */
const MAX_MESSAGES = 10_000_000;

const { values } = parseArgs({
  options: {
    store: { type: "string", default: "sqlite" },
    messages: { type: "string", default: "100000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    writers: { type: "string", default: "4" },
    "cold-start-runs": { type: "string", default: "5" },
    "cold-start-only": { type: "boolean", default: false },
    "produce-events": { type: "string", default: "10000" },
    "no-produce": { type: "boolean", default: false },
  },
});

function positiveInt(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return n;
}

const store = values.store;
if (store !== "sqlite" && store !== "postgres")
  throw new Error("--store must be sqlite or postgres");
const messages = positiveInt("messages", values.messages, MAX_MESSAGES);
const durationS = positiveInt("duration", values.duration, 3600);
const connections = positiveInt("connections", values.connections, 1000);
const writers = positiveInt("writers", values.writers, 64);

const coldStartRuns = positiveInt("cold-start-runs", values["cold-start-runs"], 100);
const produceEvents = positiveInt("produce-events", values["produce-events"], MAX_MESSAGES);

print({ phase: "cold-start", store: "sqlite", ...(await measureColdStart(coldStartRuns)) });
if (values["cold-start-only"]) process.exit(0);

const world = await openBenchWorld(store);
try {
  const capture = await runCapturePhase(world, { messages, writers });
  const { firstMs, lastMs, ...captureFigures } = capture;
  print({
    phase: "capture",
    store,
    ...captureFigures,
    writers,
    storeBytes: await world.storeBytes(),
  });
  const read = await runReadPhase(world, { connections, durationS, firstMs, lastMs });
  print({
    phase: "read",
    store,
    messages,
    events: capture.events,
    ...read,
    connections,
    storeBytes: await world.storeBytes(),
  });
} finally {
  await world.close();
}

// After the server is closed, so produce has the machine to itself as an examiner's request would.
if (!values["no-produce"]) {
  print({ phase: "produce", ...(await runProducePhase(produceEvents, 100)) });
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
