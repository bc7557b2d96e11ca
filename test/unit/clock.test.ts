import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  advanceClock,
  type ClockState,
  freezeClock,
  setClockTo,
  systemClockState,
  virtualNowMs,
} from "../../src/clock.js";

const REAL = 1_700_000_000_000;

describe("virtual clock state", () => {
  it("advancing a frozen clock keeps it frozen at the new time", () => {
    const frozen = freezeClock(systemClockState, true, REAL);
    const later = advanceClock(frozen, 1000, REAL + 50);
    expect(later.mode).toBe("frozen");
    expect(virtualNowMs(later, REAL + 999_999)).toBe(REAL + 1000);
  });

  it("thawing keeps the virtual time continuous", () => {
    const frozen = freezeClock(systemClockState, true, REAL);
    const thawed = freezeClock(frozen, false, REAL + 5000);
    expect(virtualNowMs(thawed, REAL + 5000)).toBe(REAL);
    expect(virtualNowMs(thawed, REAL + 6000)).toBe(REAL + 1000);
  });

  it("setTo then reading gives exactly the target, whatever the state", () => {
    const states = fc.constantFrom<ClockState>(
      systemClockState,
      { mode: "offset", offsetMs: 12345, frozenAtMs: null },
      { mode: "frozen", offsetMs: 0, frozenAtMs: REAL - 5 },
    );
    fc.assert(
      fc.property(states, fc.integer({ min: 0, max: 4_000_000_000_000 }), (state, target) => {
        expect(virtualNowMs(setClockTo(state, target, REAL), REAL)).toBe(target);
      }),
    );
  });
});
