/**
 * Time is injected. Every rule that depends on "now" (regulatedAt, capturedAt, processedAt,
 * the 28-day window, token and code expiry) reads a Clock, never Date.now().
 */
export interface Clock {
  nowMs(): number;
}

/** One day and one hour in milliseconds: the units of the window, lifetimes and quotas. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export type ClockMode = "system" | "frozen" | "offset";

/**
 * The persisted state of the virtual clock. `system`: real time. `offset`: real time plus
 * `offsetMs`. `frozen`: always `frozenAtMs`.
 */
export interface ClockState {
  mode: ClockMode;
  offsetMs: number;
  frozenAtMs: number | null;
}

export const systemClockState: ClockState = { mode: "system", offsetMs: 0, frozenAtMs: null };

/** The virtual time that a clock state gives at real time `realNowMs`. */
export function virtualNowMs(state: ClockState, realNowMs: number): number {
  if (state.mode === "frozen" && state.frozenAtMs !== null) return state.frozenAtMs;
  if (state.mode === "offset") return realNowMs + state.offsetMs;
  return realNowMs;
}

/** Moves the clock forward by `ms`, keeping it frozen if it was. */
export function advanceClock(state: ClockState, ms: number, realNowMs: number): ClockState {
  if (state.mode === "frozen") {
    return { ...state, frozenAtMs: virtualNowMs(state, realNowMs) + ms };
  }
  const offsetMs = state.offsetMs + ms;
  return { mode: offsetMs === 0 ? "system" : "offset", offsetMs, frozenAtMs: null };
}

/** Sets the clock to `targetMs`, keeping it frozen if it was. */
export function setClockTo(state: ClockState, targetMs: number, realNowMs: number): ClockState {
  return advanceClock(state, targetMs - virtualNowMs(state, realNowMs), realNowMs);
}

/** Freezes at the current virtual time, or thaws and keeps running from it. */
export function freezeClock(state: ClockState, freeze: boolean, realNowMs: number): ClockState {
  const now = virtualNowMs(state, realNowMs);
  if (freeze) return { mode: "frozen", offsetMs: now - realNowMs, frozenAtMs: now };
  const offsetMs = now - realNowMs;
  return { mode: offsetMs === 0 ? "system" : "offset", offsetMs, frozenAtMs: null };
}

export const realClock: Clock = { nowMs: () => Date.now() };

/** A clock over a mutable state holder, so one change is seen by every reader at once. */
export function clockFromState(read: () => ClockState, real: Clock = realClock): Clock {
  return { nowMs: () => virtualNowMs(read(), real.nowMs()) };
}
