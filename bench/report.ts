import { evaluateGoals, goalsTable } from "./goals.js";
import type { StorageFigures } from "./storage-figures.js";
import { captureTable, readTable, type TaggedLine } from "./summary.js";

export interface ReportInput {
  store: "sqlite" | "postgres";
  sizes: string[];
  lines: TaggedLine[];
  storage: Record<string, StorageFigures>;
  bigBatchStatus: number | null;
  connections: number;
  rounds: number;
  durationS: number;
}

/** The Markdown tables printed after the rounds: reads, capture, storage, goals. */
export function renderReport(input: ReportInput): string {
  const { lines, sizes, store } = input;
  const readTargets = [...new Set(lines.filter((l) => l.phase === "read").map((l) => l.target))];
  return [
    "",
    `## Reads (${store}; wrk, ${input.connections} connections, ${input.rounds} × ${input.durationS} s rounds, medians)`,
    "",
    readTable(lines, sizes, readTargets),
    "",
    `## Capture (${store}; messages/s, medians of ${input.rounds} rounds)`,
    "",
    captureTable(lines, sizes),
    "",
    "## Storage",
    "",
    "| size | bytes | bytes/event | bytes/event without the text once |",
    "|---|---|---|---|",
    ...Object.entries(input.storage).map(
      ([size, s]) =>
        `| ${size} | ${s.bytes.toLocaleString("en-US")} | ${s.bytesPerEvent.toLocaleString("en-US")} | ${s.bytesPerEventWithoutText.toLocaleString("en-US")} |`,
    ),
    "",
    "## Goals (issue 11)",
    "",
    goalsTable(evaluateGoals({ ...input })),
    "",
  ].join("\n");
}
