import type { Clock } from "../clock.js";

/** At most this many keys are remembered; past it the quiet ones, then the oldest, go first. */
const MAX_KEYS = 50_000;

export interface AuthFailureLimits {
  /** Failed authentications a key may have within the window; 0 turns the limiter off. */
  limit: number;
  windowMs: number;
}

/**
 * Counts failed authentications (a wrong client secret, a wrong admin key) per key — a client
 * id, a source address — over a sliding window. Once a key has `limit` failures within
 * `windowMs`, every attempt under it is refused until the oldest of them leaves the window,
 * an attempt with the right secret too: otherwise a guesser would simply go on guessing and
 * learn the secret the moment it stopped being refused. Successes are not counted, so honest
 * traffic never reaches the limit. RFC 6749 §10.10 (credentials guessing). In memory and per
 * process; several processes each count their own share.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: AuthFailureLimits,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.limits.limit > 0;
  }

  /** Milliseconds until an attempt under every one of `keys` is allowed again; 0 = now. */
  retryAfterMs(keys: readonly string[]): number {
    if (!this.enabled) return 0;
    const nowMs = this.clock.nowMs();
    let waitMs = 0;
    for (const key of keys) {
      const times = this.recent(key, nowMs);
      if (times.length >= this.limits.limit) {
        waitMs = Math.max(waitMs, times[0]! + this.limits.windowMs - nowMs);
      }
    }
    return waitMs;
  }

  /** Counts one failed authentication under each of `keys`. */
  recordFailure(keys: readonly string[]): void {
    if (!this.enabled) return;
    const nowMs = this.clock.nowMs();
    for (const key of keys) {
      const times = this.recent(key, nowMs);
      times.push(nowMs);
      // Only the latest `limit` failures decide anything; older ones need no memory.
      if (times.length > this.limits.limit) times.splice(0, times.length - this.limits.limit);
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    if (this.failures.size > MAX_KEYS) this.forgetQuietKeys(nowMs);
  }

  private recent(key: string, nowMs: number): number[] {
    const times = this.failures.get(key) ?? [];
    const firstRecent = times.findIndex((at) => at > nowMs - this.limits.windowMs);
    return firstRecent === -1 ? [] : firstRecent === 0 ? times : times.slice(firstRecent);
  }

  private forgetQuietKeys(nowMs: number): void {
    for (const key of this.failures.keys()) {
      if (this.recent(key, nowMs).length === 0) this.failures.delete(key);
    }
    // Still too many (a flood of distinct keys): drop the least recently failed ones, down
    // to well below the bound, so this sweep stays rare however long the flood lasts.
    const keep = Math.floor(MAX_KEYS * 0.9);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= keep) break;
      this.failures.delete(key);
    }
  }
}
