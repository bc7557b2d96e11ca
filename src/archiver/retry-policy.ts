/** How hard the archiver tries before it gives up on a member for this run. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** The first backoff's ceiling; each retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the member's run instead of blocking the others. */
  maxRetryAfterMs: number;
  /** A request with no answer after this long counts as a network failure. */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  requestTimeoutMs: 30_000,
};

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(max, base·2^n)).
 * Jitter keeps many archivers that failed together from retrying together.
 * `retryIndex` is 0 for the first retry.
 */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy, random: () => number) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds from now: delta-seconds or an HTTP-date.
 * Null when absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}
