import type { StorageFigures } from "./storage-figures.js";
import { captureMedian, ratio, readMedian, type TaggedLine } from "./summary.js";

export interface GoalRow {
  goal: string;
  target: string;
  figure: string;
  met: boolean | null;
}

export interface GoalInputs {
  lines: TaggedLine[];
  store: "sqlite" | "postgres";
  sizes: string[];
  storage: Record<string, StorageFigures>;
  /** Status of a batch of 1,000 messages of 2 KB at the default limits, if it was tried. */
  bigBatchStatus: number | null;
}

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(0)} %`);
const x = (r: number | null) => (r === null ? "—" : `${r.toFixed(2)}×`);
const atLeast = (r: number | null, min: number) => (r === null ? null : r >= min);

/** Issue 11's goals, each with its target, this run's figure and whether it is met. */
export function evaluateGoals(input: GoalInputs): GoalRow[] {
  const { lines, sizes } = input;
  const rows: GoalRow[] = [];
  const read = (size: string, target: string) => readMedian(lines, size, 10, target);
  const readGoalSizes = sizes.filter((s) => s !== "10k");
  const share = input.store === "sqlite" ? 0.5 : 0.35;
  for (const size of readGoalSizes.length ? readGoalSizes : sizes) {
    const r = ratio(read(size, "regula")?.reqPerSec, read(size, "bare-fastify")?.reqPerSec);
    rows.push({
      goal: `page count=10, ${input.store} ${size}: share of bare Fastify`,
      target: `≥ ${share * 100} %`,
      figure: pct(r),
      met: atLeast(r, share),
    });
  }
  for (const size of sizes) {
    const p99 = read(size, "regula")?.p99Ms ?? null;
    rows.push({
      goal: `page count=10, ${size}: p99 at 50 connections`,
      target: "≤ 50 ms",
      figure: p99 === null ? "—" : `${p99} ms`,
      met: p99 === null ? null : p99 <= 50,
    });
  }
  const largest = sizes.at(-1)!;
  for (const [peer, min] of [
    ["prism", 5],
    ["wiremock", 2],
  ] as const) {
    const r = ratio(read(largest, "regula")?.reqPerSec, read(largest, peer)?.reqPerSec);
    rows.push({
      goal: `page count=10, ${largest}: Regula ÷ ${peer}`,
      target: `≥ ${min}×`,
      figure: r === null ? "not run (--peers)" : x(r),
      met: atLeast(r, min),
    });
  }
  for (const big of ["1m", "10m"].filter((s) => sizes.includes(s))) {
    const r = ratio(read(big, "regula")?.reqPerSec, read("10k", "regula")?.reqPerSec);
    rows.push({
      goal: `growth: page req/s at ${big} ÷ at 10k`,
      target: "≥ 0.9",
      figure: x(r),
      met: atLeast(r, 0.9),
    });
  }
  const captureSizes = [...new Set(lines.filter((l) => l.phase === "capture").map((l) => l.size))];
  for (const size of captureSizes) {
    const batch = ratio(
      captureMedian(lines, size, "regula-batch100"),
      captureMedian(lines, size, "raw-batch100"),
    );
    rows.push({
      goal: `capture messages:batch of 100, ${size}: share of raw batched inserts`,
      target: "≥ 50 %",
      figure: pct(batch),
      met: atLeast(batch, 0.5),
    });
    const single = ratio(
      captureMedian(lines, size, "regula-single16"),
      captureMedian(lines, size, "raw-single-grouped16"),
    );
    rows.push({
      goal: `capture single POST × 16 clients, ${size}: share of raw grouped-16`,
      target: "≥ 50 %",
      figure: pct(single),
      met: atLeast(single, 0.5),
    });
  }
  if (captureSizes.includes("100k") && captureSizes.includes("1m")) {
    const flat = ratio(
      captureMedian(lines, "1m", "regula-batch100"),
      captureMedian(lines, "100k", "regula-batch100"),
    );
    rows.push({
      goal: "capture batch flat: messages/s at 1M ÷ at 100k",
      target: "≥ 0.9",
      figure: x(flat),
      met: atLeast(flat, 0.9),
    });
  }
  rows.push({
    goal: "a batch of 1,000 messages of 2 KB at the default limits",
    target: "201",
    figure: input.bigBatchStatus === null ? "—" : String(input.bigBatchStatus),
    met: input.bigBatchStatus === null ? null : input.bigBatchStatus === 201,
  });
  const storage = input.storage[largest];
  if (storage) {
    rows.push({
      goal: `storage at ${largest}: bytes per event besides the text stored once`,
      target: "≤ 1,536 B",
      figure: `${storage.bytesPerEventWithoutText.toLocaleString("en-US")} B (${storage.bytesPerEvent.toLocaleString("en-US")} B with text)`,
      met: storage.bytesPerEventWithoutText <= 1536,
    });
  }
  const regula = read(largest, "regula");
  const rss = regula?.rssMaxMb ?? null;
  const anon = regula?.rssAnonMaxMb ?? null;
  rows.push({
    goal: `RSS under read load at ${largest}`,
    target: "≤ 200 MB",
    figure: rss === null ? "—" : `${rss} MB (private, RssAnon: ${anon ?? "—"} MB)`,
    met: rss === null ? null : rss <= 200,
  });
  return rows;
}

export function goalsTable(rows: GoalRow[]): string {
  return [
    "| goal | target | figure | met |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.goal} | ${r.target} | ${r.figure} | ${r.met === null ? "—" : r.met ? "yes" : "no"} |`,
    ),
  ].join("\n");
}
