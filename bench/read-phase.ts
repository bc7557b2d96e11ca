import autocannon from "autocannon";
import type { BenchWorld } from "./bench-world.js";
import { roundMs } from "./percentiles.js";

export interface ReadFigures {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
  errors: number;
  non2xx: number;
}

/**
 * Pages of the hot stream under concurrent load: `count=50`, a random `startTime` over the
 * captured range and a random `start` of 0–10 pages, as many archivers polling at once would.
 */
export async function runReadPhase(
  world: BenchWorld,
  options: { connections: number; durationS: number; firstMs: number; lastMs: number },
): Promise<ReadFigures> {
  const span = Math.max(1, options.lastMs - options.firstMs);
  const randomPath = () => {
    const startTime = options.firstMs + Math.floor(Math.random() * span);
    const start = Math.random() < 0.5 ? 0 : 50 * Math.floor(Math.random() * 11);
    return `/rest/complianceEvents?q=memberAndApplication&count=50&startTime=${startTime}&start=${start}`;
  };
  const result = await autocannon({
    url: world.baseUrl,
    connections: options.connections,
    duration: options.durationS,
    headers: { authorization: `Bearer ${world.hotToken}`, "linkedin-version": "202310" },
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: randomPath() }) }],
  });
  return {
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average),
    p50Ms: roundMs(result.latency.p50),
    p99Ms: roundMs(result.latency.p99),
    durationMs: Math.round(result.duration * 1000),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
