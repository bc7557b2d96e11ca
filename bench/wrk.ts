import path from "node:path";
import { runChild } from "./child-process.js";
import { roundMs } from "./percentiles.js";

const script = path.join(import.meta.dirname, "pages.lua");

export interface WrkFigures {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  mbPerSec: number;
  /** Socket errors, timeouts and answers with a status of 400 or more. */
  errors: number;
}

/**
 * One wrk run (its own process, 2 threads) against `baseUrl` with bench/pages.lua: random
 * (token, startTime) from `listFile`, `count` events a page.
 */
export async function runWrk(options: {
  baseUrl: string;
  listFile: string;
  count: number;
  connections: number;
  durationS: number;
  threads?: number;
}): Promise<WrkFigures> {
  const out = await runChild("wrk", [
    `-t${options.threads ?? 2}`,
    `-c${options.connections}`,
    `-d${options.durationS}s`,
    "--timeout",
    "10s",
    "-s",
    script,
    options.baseUrl,
    "--",
    options.listFile,
    String(options.count),
  ]);
  const line = out.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const w = JSON.parse(line.slice("WRKJSON ".length)) as Record<string, number>;
  const seconds = (w.durationUs ?? 1) / 1e6;
  return {
    requests: w.requests ?? 0,
    reqPerSec: Math.round((w.requests ?? 0) / seconds),
    p50Ms: roundMs((w.p50Us ?? 0) / 1000),
    p99Ms: roundMs((w.p99Us ?? 0) / 1000),
    maxMs: roundMs((w.maxUs ?? 0) / 1000),
    mbPerSec: Math.round((w.bytes ?? 0) / seconds / 1e5) / 10,
    errors:
      (w.connectErrors ?? 0) +
      (w.readErrors ?? 0) +
      (w.writeErrors ?? 0) +
      (w.statusErrors ?? 0) +
      (w.timeouts ?? 0),
  };
}
