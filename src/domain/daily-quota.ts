import { DAY_MS } from "../clock.js";

/**
 * LinkedIn's throttles: calls counted per application and per (member, application) per UTC
 * day, reset at midnight UTC. Counts live in memory per server process: a sandbox needs the
 * behaviour (a 429 with Retry-After), not a cluster-wide ledger.
 */
export class DailyQuota {
  private day = -1;
  private counts = new Map<string, number>();

  constructor(private readonly limits: { perApplication: number; perMember: number }) {}

  /** Counts one call; returns the seconds until the quota resets when it is exhausted, else null. */
  consume(nowMs: number, applicationId: string, memberId: string | null): number | null {
    const day = Math.floor(nowMs / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.counts.clear();
    }
    const keys: Array<[string, number]> = [];
    if (this.limits.perApplication > 0)
      keys.push([`app:${applicationId}`, this.limits.perApplication]);
    if (this.limits.perMember > 0 && memberId !== null) {
      keys.push([`member:${applicationId}:${memberId}`, this.limits.perMember]);
    }
    if (keys.some(([key, limit]) => (this.counts.get(key) ?? 0) >= limit)) {
      return Math.ceil(((day + 1) * DAY_MS - nowMs) / 1000);
    }
    for (const [key] of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return null;
  }
}
