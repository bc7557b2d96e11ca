import { describe, expect, it } from "vitest";
import { AuthFailureLimiter } from "../../src/domain/auth-failure-limiter.js";

function limiterAt(limit: number, windowMs: number) {
  let nowMs = 10_000;
  const limiter = new AuthFailureLimiter({ limit, windowMs }, { nowMs: () => nowMs });
  return { limiter, advance: (ms: number) => (nowMs += ms) };
}

describe("AuthFailureLimiter", () => {
  it("refuses a key once it has `limit` failures in the window, until the oldest leaves it", () => {
    const { limiter, advance } = limiterAt(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs(["k"])).toBe(0);
      limiter.recordFailure(["k"]);
      advance(100);
    }
    // Failures at 0, 100, 200 ms; now 300 ms: the first leaves the window at 1000 ms.
    expect(limiter.retryAfterMs(["k"])).toBe(700);
    advance(699);
    expect(limiter.retryAfterMs(["k"])).toBe(1);
    advance(1);
    expect(limiter.retryAfterMs(["k"])).toBe(0);
    // One more failure fills the window again; the wait is until the next oldest leaves.
    limiter.recordFailure(["k"]);
    expect(limiter.retryAfterMs(["k"])).toBe(100);
  });

  it("counts keys apart and refuses when any of the keys given is over", () => {
    const { limiter } = limiterAt(2, 1000);
    limiter.recordFailure(["client:a", "address:1"]);
    limiter.recordFailure(["client:b", "address:1"]);
    expect(limiter.retryAfterMs(["client:a"])).toBe(0);
    expect(limiter.retryAfterMs(["client:c", "address:1"])).toBeGreaterThan(0);
    expect(limiter.retryAfterMs(["client:c", "address:2"])).toBe(0);
  });

  it("with limit 0 is off", () => {
    const { limiter } = limiterAt(0, 1000);
    for (let i = 0; i < 100; i++) limiter.recordFailure(["k"]);
    expect(limiter.enabled).toBe(false);
    expect(limiter.retryAfterMs(["k"])).toBe(0);
  });

  it("keeps counting correctly when a flood of distinct keys forces it to forget quiet ones", () => {
    const { limiter, advance } = limiterAt(2, 1000);
    limiter.recordFailure(["target"]);
    limiter.recordFailure(["target"]);
    advance(2000);
    for (let i = 0; i < 50_010; i++) limiter.recordFailure([`spray:${i}`]);
    expect(limiter.retryAfterMs(["target"])).toBe(0);
    expect(limiter.retryAfterMs(["spray:50009"])).toBe(0);
    limiter.recordFailure(["spray:50009"]);
    expect(limiter.retryAfterMs(["spray:50009"])).toBeGreaterThan(0);
  });
});
