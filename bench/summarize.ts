/**
 * `npx tsx bench/summarize.ts OUTPUT` re-prints the tables and goals of a saved
 * `npm run bench` output from its JSON lines (for a run cut short after its rounds, or to
 * compare runs). Rounds, duration and connections are read from the lines where present.
 */
import fs from "node:fs";
import { renderReport } from "./report.js";
import type { StorageFigures } from "./storage-figures.js";
import type { TaggedLine } from "./summary.js";

const file = process.argv[2];
if (!file) throw new Error("usage: npx tsx bench/summarize.ts OUTPUT");
const parsed = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.startsWith("{"))
  .map((l) => JSON.parse(l) as Record<string, unknown> & { phase: string });
// A size that was run again (phase "retry") counts only its last attempt.
const lastAttempt = new Map<string, number>();
for (const l of parsed) {
  const attempt = Number(l.attempt ?? 1);
  if (attempt > (lastAttempt.get(String(l.size)) ?? 0)) lastAttempt.set(String(l.size), attempt);
}
const lines = parsed.filter(
  (l) =>
    (l.phase === "read" || l.phase === "capture") &&
    Number(l.attempt ?? 1) === lastAttempt.get(String(l.size)),
) as unknown as TaggedLine[];
const storage: Record<string, StorageFigures> = {};
for (const l of parsed.filter((p) => p.phase === "store")) {
  storage[String(l.size)] = l as unknown as StorageFigures;
}
const store = (lines[0]?.store ?? "sqlite") as "sqlite" | "postgres";
const rounds = Math.max(1, ...lines.map((l) => l.round));
const bigBatch = parsed.find((p) => p.phase === "big-batch");
process.stdout.write(
  renderReport({
    store,
    sizes: Object.keys(storage),
    lines,
    storage,
    bigBatchStatus: bigBatch ? Number(bigBatch.status) : null,
    connections: 50,
    rounds,
    durationS: Number(process.argv[3] ?? 10),
  }),
);
