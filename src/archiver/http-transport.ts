import { setTimeout as delay } from "node:timers/promises";
import {
  RetriesExhaustedError,
  ServerUnreachableError,
  ThrottledError,
} from "./archiver-errors.js";
import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from "./retry-policy.js";

/** The part of `fetch` the archiver uses: tests put a fault-injecting wrapper in front of it. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Waits `ms`; rejects when `signal` aborts. Tests pass one that records and returns at once. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/** A complete answer: the body is read inside the retry loop, so a body cut short is retried. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export interface RetryNotice {
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface TransportDeps {
  fetch: FetchLike;
  sleep: Sleep;
  random: () => number;
  nowMs: () => number;
  policy: RetryPolicy;
  onRetry?: (notice: RetryNotice) => void;
  /** Aborts waits and requests when the run is asked to stop. */
  signal?: AbortSignal;
}

/** The run was asked to stop (signal) while waiting or requesting. */
export class StopRequestedError extends Error {
  constructor() {
    super("stop requested");
  }
}

/**
 * Sends a request, retrying 429 (after its Retry-After, or backoff), 5xx and network errors
 * with exponential backoff and jitter, up to `policy.maxAttempts`. Any other answer, success
 * or not, is returned for the caller to interpret.
 */
export async function requestWithRetry(
  deps: TransportDeps,
  url: string,
  init: RequestInit,
): Promise<HttpAnswer> {
  const { policy } = deps;
  // Whether the server never answered at all, so far (only network failures).
  let neverAnswered = true;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(deps, url, init);
    if ("answer" in outcome) return outcome.answer;
    const { failure, retryAfterMs } = outcome;
    if (!outcome.network) neverAnswered = false;
    if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) {
      throw new ThrottledError(retryAfterMs);
    }
    if (attempt >= policy.maxAttempts) {
      throw neverAnswered
        ? new ServerUnreachableError(attempt, failure, new URL(url).origin)
        : new RetriesExhaustedError(attempt, failure);
    }
    const delayMs = retryAfterMs ?? backoffDelayMs(attempt - 1, policy, deps.random);
    deps.onRetry?.({ attempt, reason: failure, delayMs });
    try {
      await deps.sleep(delayMs, deps.signal);
    } catch (error) {
      if (deps.signal?.aborted) throw new StopRequestedError();
      throw error;
    }
  }
}

async function attemptOnce(
  deps: TransportDeps,
  url: string,
  init: RequestInit,
): Promise<
  { answer: HttpAnswer } | { failure: string; retryAfterMs: number | null; network?: true }
> {
  const timeout = AbortSignal.timeout(deps.policy.requestTimeoutMs);
  const signal = deps.signal ? AbortSignal.any([timeout, deps.signal]) : timeout;
  let status: number;
  let headers: Headers;
  let body: string;
  try {
    const response = await deps.fetch(url, { ...init, signal });
    ({ status, headers } = response);
    body = await response.text();
  } catch (error) {
    if (deps.signal?.aborted) throw new StopRequestedError();
    return { failure: describeNetworkFailure(error), retryAfterMs: null, network: true };
  }
  if (status !== 429 && status < 500) return { answer: { status, headers, body } };
  return {
    failure: `HTTP ${status}`,
    retryAfterMs: parseRetryAfterMs(headers.get("retry-after"), deps.nowMs()),
  };
}

function describeNetworkFailure(error: unknown): string {
  if (!(error instanceof Error)) return `network error: ${String(error)}`;
  if (error.name === "TimeoutError") return "network error: no answer in time";
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `network error: ${cause?.code ?? cause?.message ?? error.message}`;
}
