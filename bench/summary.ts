import type { CaptureRoundLine } from "./capture-phase.js";
import { percentile } from "./percentiles.js";
import type { ReadRoundLine } from "./read-phase.js";

/** A round line as the run prints it, tagged with the store and size it ran at. */
export type TaggedLine = (ReadRoundLine | CaptureRoundLine) & { store: string; size: string };

export const median = (values: number[]) => percentile(values, 50);

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n)
    ? "—"
    : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Median req/s and p99 of one target's read rounds at one size and count. */
export function readMedian(lines: TaggedLine[], size: string, count: number, target: string) {
  const rounds = lines.filter(
    (l): l is ReadRoundLine & TaggedLine =>
      l.phase === "read" && l.size === size && l.count === count && l.target === target,
  );
  if (rounds.length === 0) return null;
  return {
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    rssMaxMb: Math.max(...rounds.map((r) => r.rssMaxMb ?? 0)) || null,
    rssAnonMaxMb: Math.max(...rounds.map((r) => r.rssAnonMaxMb ?? 0)) || null,
  };
}

export function captureMedian(lines: TaggedLine[], size: string, target: string): number | null {
  const rounds = lines.filter(
    (l) => l.phase === "capture" && l.size === size && l.target === target,
  ) as CaptureRoundLine[];
  return rounds.length ? median(rounds.map((r) => r.messagesPerSec)) : null;
}

export const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a && b ? a / b : null;

/** The read table: per size and count, every target's median req/s and p99, and Regula ÷ it. */
export function readTable(lines: TaggedLine[], sizes: string[], targets: string[]): string {
  const rows = [
    "| size | count | target | req/s (median) | p99 ms (median) | Regula ÷ target | errors |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const size of sizes) {
    for (const count of [10, 50]) {
      const regula = readMedian(lines, size, count, "regula");
      for (const target of targets) {
        const m = readMedian(lines, size, count, target);
        if (!m) continue;
        rows.push(
          `| ${size} | ${count} | ${target} | ${fmt(m.reqPerSec)} | ${fmt(m.p99Ms, 1)} | ${target === "regula" ? "" : fmt(ratio(regula?.reqPerSec, m.reqPerSec), 2)} | ${m.errors} |`,
        );
      }
    }
  }
  return rows.join("\n");
}

const captureTargets = [
  ["regula-batch100", "raw-batch100"],
  ["regula-single16", "raw-single-grouped16"],
  ["regula-single16", "raw-single-tx1"],
] as const;

/** The capture table: per size, Regula's median messages/s against each raw anchor. */
export function captureTable(lines: TaggedLine[], sizes: string[]): string {
  const rows = [
    "| size | Regula | messages/s | raw anchor | messages/s | ratio |",
    "|---|---|---|---|---|---|",
  ];
  for (const size of sizes) {
    for (const [regulaTarget, rawTarget] of captureTargets) {
      const regula = captureMedian(lines, size, regulaTarget);
      const raw = captureMedian(lines, size, rawTarget);
      if (regula === null && raw === null) continue;
      rows.push(
        `| ${size} | ${regulaTarget} | ${fmt(regula)} | ${rawTarget} | ${fmt(raw)} | ${fmt(ratio(regula, raw), 2)} |`,
      );
    }
  }
  return rows.join("\n");
}
