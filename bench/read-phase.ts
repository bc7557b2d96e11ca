import fs from "node:fs";
import path from "node:path";
import type { CannedPage } from "./anchor-server.js";
import { sampleRss } from "./rss-sampler.js";
import { memberIds, memberToken } from "./world-plan.js";
import { runWrk } from "./wrk.js";

/** A server the read rounds load: Regula, an anchor or a peer. */
export interface ReadTarget {
  name: string;
  baseUrl: string;
  /** Whose RSS to sample during its rounds (Regula's). */
  rssPid?: number;
}

export const PAGE_COUNTS = [10, 50] as const;
const LIST_ENTRIES = 20_000;

/**
 * The (token, startTime) list wrk draws from: a random member of the world and a random
 * startTime over the span the loaded events cover.
 */
export function writeRequestList(file: string, firstMs: number, lastMs: number): void {
  const lines: string[] = [];
  for (let i = 0; i < LIST_ENTRIES; i++) {
    const member = memberIds[Math.floor(Math.random() * memberIds.length)]!;
    const startTime = firstMs + Math.floor(Math.random() * (lastMs - firstMs));
    lines.push(`${memberToken(member)} ${startTime}`);
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
}

/** Headers an anchor must not copy: the connection's own, and those it computes itself. */
const hopHeaders = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
]);

/**
 * One real page of each count from Regula (the first member, the start of the window),
 * written to `file` for the anchors to serve byte for byte with the same headers.
 */
export async function fetchCannedPages(
  regulaUrl: string,
  firstMs: number,
  file: string,
): Promise<Record<string, { bytes: number }>> {
  const pages: Record<string, CannedPage> = {};
  const sizes: Record<string, { bytes: number }> = {};
  for (const count of PAGE_COUNTS) {
    const response = await fetch(
      `${regulaUrl}/rest/complianceEvents?q=memberAndApplication&count=${count}&startTime=${firstMs}`,
      {
        headers: {
          authorization: `Bearer ${memberToken(memberIds[0]!)}`,
          "linkedin-version": "202310",
          "x-restli-protocol-version": "2.0.0",
        },
      },
    );
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`page of ${count}: ${response.status} ${body.toString()}`);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!hopHeaders.has(name)) headers[name] = value;
    });
    pages[String(count)] = { headers, bodyBase64: body.toString("base64") };
    sizes[String(count)] = { bytes: body.length };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(pages));
  return sizes;
}

export interface ReadRoundLine {
  phase: "read";
  target: string;
  count: number;
  round: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  mbPerSec: number;
  requests: number;
  errors: number;
  rssMaxMb?: number | null;
  rssAnonMaxMb?: number | null;
}

/**
 * Interleaved read rounds: for each round, for each page size, every target in turn, so
 * a slow patch of the shared machine lands on all of them alike. A short unreported warm-up
 * per target first (page cache, JIT).
 */
export async function runReadRounds(options: {
  targets: ReadTarget[];
  listFile: string;
  rounds: number;
  durationS: number;
  connections: number;
  warmupS: number;
  onRound: (line: ReadRoundLine) => void;
}): Promise<void> {
  const common = { listFile: options.listFile, connections: options.connections };
  for (const target of options.targets) {
    if (options.warmupS > 0) {
      await runWrk({ ...common, baseUrl: target.baseUrl, count: 10, durationS: options.warmupS });
    }
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const count of PAGE_COUNTS) {
      for (const target of options.targets) {
        const stopSampling = target.rssPid ? sampleRss(target.rssPid) : null;
        const figures = await runWrk({
          ...common,
          baseUrl: target.baseUrl,
          count,
          durationS: options.durationS,
        }).catch((error: unknown) => {
          throw new Error(`read round ${round} of ${target.name} (count=${count}): ${error}`);
        });
        const rss = stopSampling?.();
        options.onRound({
          phase: "read",
          target: target.name,
          count,
          round,
          ...figures,
          ...(rss === undefined ? {} : { rssMaxMb: rss.rss, rssAnonMaxMb: rss.anon }),
        });
      }
    }
  }
}
