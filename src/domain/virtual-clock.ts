import {
  advanceClock,
  type Clock,
  type ClockState,
  freezeClock,
  realClock,
  setClockTo,
  systemClockState,
  virtualNowMs,
} from "../clock.js";
import { AppError } from "../errors.js";
import type { Store } from "../store/store.js";

/**
 * The sandbox's clock: real time, frozen, or shifted by an offset, persisted in the store so
 * restarts and every rule that depends on time follow it. Reads are served from memory; each
 * change is written through before it takes effect.
 */
export class VirtualClock implements Clock {
  private state: ClockState = systemClockState;

  constructor(
    private readonly store: Store,
    private readonly real: Clock = realClock,
  ) {}

  /** Loads the persisted state (at start-up and after a reset). */
  async load(): Promise<void> {
    this.state = await this.store.settings.readClock();
  }

  /**
   * Reloads the persisted state every `intervalMs`, so a clock change made through another
   * server process sharing the database reaches this one. Returns a function that stops it.
   */
  follow(intervalMs: number): () => void {
    const timer = setInterval(() => {
      this.load().catch(() => {});
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  nowMs(): number {
    return virtualNowMs(this.state, this.real.nowMs());
  }

  current(): { now: number; mode: ClockState["mode"] } {
    return { now: this.nowMs(), mode: this.state.mode };
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isSafeInteger(ms) || ms < 0) {
      throw new AppError(
        "INVALID_BODY",
        "advanceMs must be a non-negative integer: the clock only moves forward",
      );
    }
    await this.apply(advanceClock(this.state, ms, this.real.nowMs()));
  }

  /** Sets the clock; once the world holds messages it may only move forward. */
  async setTo(targetMs: number, worldHasData: boolean): Promise<void> {
    if (!Number.isSafeInteger(targetMs) || targetMs < 0) {
      throw new AppError("INVALID_BODY", "setTo must be epoch milliseconds");
    }
    if (worldHasData && targetMs < this.nowMs()) {
      throw new AppError(
        "CONFLICT",
        "The clock cannot move backwards once messages exist; reset the world first",
      );
    }
    await this.apply(setClockTo(this.state, targetMs, this.real.nowMs()));
  }

  async freeze(freeze: boolean): Promise<void> {
    await this.apply(freezeClock(this.state, freeze, this.real.nowMs()));
  }

  private async apply(next: ClockState): Promise<void> {
    await this.store.settings.writeClock(next);
    this.state = next;
  }
}
