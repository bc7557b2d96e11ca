import { parseArgs } from "node:util";
import { DEFAULT_CACHE_DIR, parseSize, sizeLabel } from "./store-cache.js";

export interface BenchOptions {
  store: "sqlite" | "postgres";
  sizes: number[];
  captureSizes: number[];
  durationS: number;
  rounds: number;
  connections: number;
  warmupS: number;
  peers: boolean;
  cacheDir: string;
  coldStartRuns: number;
  coldStartOnly: boolean;
  produceEvents: number;
  produce: boolean;
  /** Load (or find) the cached stores, print their figures, and stop. */
  loadOnly: boolean;
}

export const USAGE = `npm run bench -- [--store sqlite|postgres] [--sizes 10k,100k,1m] [--capture-sizes 100k,1m]
  [--duration 10] [--rounds 5] [--connections 50] [--warmup 2] [--peers] [--cache-dir DIR]
  [--cold-start-runs 5] [--cold-start-only] [--produce-events 10000] [--no-produce] [--load-only]`;

function positiveInt(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new Error(`--${name} must be an integer from 0 to ${max}\n${USAGE}`);
  }
  return n;
}

const sizeList = (raw: string) =>
  raw
    .split(",")
    .filter((s) => s.trim() !== "")
    .map(parseSize)
    .sort((a, b) => a - b);

/** The bench's flags (see USAGE and docs/benchmarks.md). */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      store: { type: "string", default: "sqlite" },
      sizes: { type: "string", default: "10k,100k,1m" },
      "capture-sizes": { type: "string" },
      duration: { type: "string", default: "10" },
      rounds: { type: "string", default: "5" },
      connections: { type: "string", default: "50" },
      warmup: { type: "string", default: "2" },
      peers: { type: "boolean", default: false },
      "cache-dir": { type: "string", default: DEFAULT_CACHE_DIR },
      "cold-start-runs": { type: "string", default: "5" },
      "cold-start-only": { type: "boolean", default: false },
      "produce-events": { type: "string", default: "10000" },
      "no-produce": { type: "boolean", default: false },
      "load-only": { type: "boolean", default: false },
    },
  });
  const store = values.store;
  if (store !== "sqlite" && store !== "postgres")
    throw new Error(`--store must be sqlite or postgres\n${USAGE}`);
  const sizes = sizeList(values.sizes);
  if (sizes.length === 0 || sizes.some((s) => s < 1000 || s > 10_000_000)) {
    throw new Error(`--sizes: each from 1k to 10m\n${USAGE}`);
  }
  // Capture is measured at 100k and 1M by default: the sizes given that are at least 100k,
  // or the largest one when all are smaller.
  const captureSizes = values["capture-sizes"]
    ? sizeList(values["capture-sizes"])
    : sizes.filter((s) => s >= 100_000).length
      ? sizes.filter((s) => s >= 100_000)
      : [sizes.at(-1)!];
  const unknown = captureSizes.filter((s) => !sizes.includes(s));
  if (unknown.length) {
    throw new Error(`--capture-sizes ${unknown.map(sizeLabel).join(",")} not in --sizes`);
  }
  return {
    store,
    sizes,
    captureSizes,
    durationS: Math.max(1, positiveInt("duration", values.duration, 3600)),
    rounds: Math.max(1, positiveInt("rounds", values.rounds, 100)),
    connections: Math.max(1, positiveInt("connections", values.connections, 1000)),
    warmupS: positiveInt("warmup", values.warmup, 600),
    peers: values.peers,
    cacheDir: values["cache-dir"],
    coldStartRuns: positiveInt("cold-start-runs", values["cold-start-runs"], 100),
    coldStartOnly: values["cold-start-only"],
    produceEvents: Math.max(1, positiveInt("produce-events", values["produce-events"], 10_000_000)),
    produce: !values["no-produce"],
    loadOnly: values["load-only"],
  };
}
