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

/** How many pages of the request list are fetched to choose the anchors' page. */
const CANNED_SAMPLE = 41;

/**
 * One real page of each count from Regula, written to `file` for the anchors to serve byte
 * for byte with the same headers: the page of median size among CANNED_SAMPLE requests of
 * the list wrk draws from, so the anchors serve what an average Regula request serves (the
 * first page of the window is one of the smallest: its threads have only just begun).
 */
export async function fetchCannedPages(
  regulaUrl: string,
  listFile: string,
  file: string,
): Promise<Record<string, { bytes: number; sampleMeanBytes: number }>> {
  const entries = fs
    .readFileSync(listFile, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .slice(0, CANNED_SAMPLE)
    .map((line) => line.split(" ") as [string, string]);
  const pages: Record<string, CannedPage> = {};
  const sizes: Record<string, { bytes: number; sampleMeanBytes: number }> = {};
  for (const count of PAGE_COUNTS) {
    const sample: CannedPage[] = [];
    for (const [token, startTime] of entries) {
      sample.push(await fetchPage(regulaUrl, token, startTime, count));
    }
    const bytesOf = (page: CannedPage) => Buffer.from(page.bodyBase64, "base64").length;
    sample.sort((a, b) => bytesOf(a) - bytesOf(b));
    const median = sample[Math.floor(sample.length / 2)]!;
    pages[String(count)] = median;
    sizes[String(count)] = {
      bytes: bytesOf(median),
      sampleMeanBytes: Math.round(sample.reduce((n, p) => n + bytesOf(p), 0) / sample.length),
    };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(pages));
  return sizes;
}

async function fetchPage(
  regulaUrl: string,
  token: string,
  startTime: string,
  count: number,
): Promise<CannedPage> {
  const response = await fetch(
    `${regulaUrl}/rest/complianceEvents?q=memberAndApplication&count=${count}&startTime=${startTime}`,
    {
      headers: {
        authorization: `Bearer ${token}`,
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
  return { headers, bodyBase64: body.toString("base64") };
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
