import { DAY_MS, HOUR_MS } from "../clock.js";

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: HOUR_MS,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

/**
 * A duration as people write it: `29d`, `36h`, `1d12h30m`, `90s`, `250ms`, or a bare number
 * of milliseconds. Null when it is none of these.
 */
export function parseDuration(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return null;
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_MS[unit!]!, 0);
}
