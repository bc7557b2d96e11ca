import { DAY_MS } from "../../clock.js";

/**
 * One page: the chain verification and capture window (`audit` lines, prepared by the
 * caller), counts per UTC day, first and last event, and days without events (gaps).
 */
export function productionSummary(
  member: string,
  range: { from: number; to: number },
  times: number[],
  audit: string[] = [],
): string {
  const perDay = new Map<string, number>();
  for (const t of times) {
    const day = new Date(t).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: string[] = [];
  for (let d = Math.floor(range.from / DAY_MS) * DAY_MS; d < range.to; d += DAY_MS) {
    const day = new Date(d).toISOString().slice(0, 10);
    if (!perDay.has(day)) gaps.push(day);
  }
  return [
    `Production summary for ${member}`,
    `Period: ${new Date(range.from).toISOString()} to ${new Date(range.to).toISOString()}`,
    "",
    ...audit,
    "",
    `Events: ${times.length}`,
    `First event: ${sorted[0] === undefined ? "none" : new Date(sorted[0]).toISOString()}`,
    `Last event: ${sorted.length ? new Date(sorted[sorted.length - 1]!).toISOString() : "none"}`,
    "",
    "Events per UTC day:",
    ...[...perDay].sort().map(([day, n]) => `  ${day}  ${n}`),
    "",
    `Days without events (gaps): ${gaps.length ? gaps.join(", ") : "none"}`,
    "",
  ].join("\n");
}
