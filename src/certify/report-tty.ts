import type {
  CertificationProgress,
  CertificationReport,
  ScenarioResult,
} from "./run-certification.js";

const HOUR_MS = 3_600_000;

/** One progress line, rewritten in place on a TTY: scenario n/m, virtual time, events so far. */
export function progressLine(p: CertificationProgress): string {
  const virtual = new Date(p.virtualMs).toISOString().replace("T", " ").slice(0, 19);
  const archived = p.archived >= 0 ? `, ${p.archived} archived` : "";
  return `[${p.index}/${p.total}] ${p.scenario}  virtual ${virtual}  ${p.events} events${archived}  ${p.note}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "-";
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < HOUR_MS) return `${(ms / 60_000).toFixed(1)}m`;
  if (ms < 48 * HOUR_MS) return `${(ms / HOUR_MS).toFixed(1)}h`;
  return `${(ms / (24 * HOUR_MS)).toFixed(1)}d`;
}

/** The summary table: one row per scenario, then what went wrong, briefly. */
export function formatTable(report: CertificationReport): string {
  const header = [
    "scenario",
    "result",
    "expected",
    "archived",
    "missed",
    "by-window",
    "dup",
    "unexp",
    "protocol",
    "late p50/p99/max",
    "time",
  ];
  const rows = report.scenarios.map((s) => row(s));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const s of report.scenarios) {
    for (const problem of problems(s)) out.push(`  ${s.name}: ${problem}`);
  }
  const failed = report.scenarios.filter((s) => !s.passed).length;
  out.push(
    "",
    report.passed
      ? `PASSED: ${report.scenarios.length} scenarios, seed ${report.seed}, store ${report.store}`
      : `FAILED: ${failed} of ${report.scenarios.length} scenarios, seed ${report.seed}, store ${report.store}`,
  );
  return `${out.join("\n")}\n`;
}

function row(s: ScenarioResult): string[] {
  const v = s.verdict;
  if (!v)
    return [s.name, "ERROR", "-", "-", "-", "-", "-", "-", "-", "-", formatDuration(s.durationMs)];
  return [
    s.name,
    s.passed ? "pass" : "FAIL",
    String(v.totals.expected),
    String(v.totals.archived),
    String(v.totals.missed),
    String(v.totals.missedByWindow),
    String(v.totals.duplicates),
    String(v.totals.unexpected),
    String(v.protocol.length),
    `${formatDuration(v.late.p50Ms)}/${formatDuration(v.late.p99Ms)}/${formatDuration(v.late.maxMs)}`,
    formatDuration(s.durationMs),
  ];
}

/** Short, readable lines naming what failed. */
export function problems(s: ScenarioResult): string[] {
  if (s.error) return [`could not run: ${s.error}`];
  const v = s.verdict;
  if (!v) return [];
  const lines: string[] = [];
  for (const m of v.members) {
    const reasons = new Map<string, number>();
    for (const miss of m.missed) reasons.set(miss.reason, (reasons.get(miss.reason) ?? 0) + 1);
    for (const [reason, n] of reasons)
      lines.push(
        `${m.member} missed ${n} (${reason}), e.g. id ${m.missed.find((x) => x.reason === reason)?.id}`,
      );
    if (m.duplicates.length > 0)
      lines.push(
        `${m.member} archived ${m.duplicates.length} events more than once, e.g. id ${m.duplicates[0]}`,
      );
  }
  if (v.unexpected.length > 0)
    lines.push(`${v.unexpected.length} unexpected ids archived, e.g. ${v.unexpected[0]?.id}`);
  if (v.malformedLines > 0) lines.push(`${v.malformedLines} output lines without a numeric id`);
  for (const p of v.protocol) lines.push(`${p.kind}: ${p.detail}`);
  return lines;
}
