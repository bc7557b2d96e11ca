import { describe, expect, it } from "vitest";
import { judge, type Tick, type TruthEvent } from "../../src/certify/judge.js";
import type { ObservedRequest } from "../../src/sandbox/served-tracker.js";

/**
 * The report's figures for a small scripted history, against values worked out by hand.
 * Host time runs 0…10 s in 1 s ticks; the virtual clock is host time + 1,000,000 ms; an event
 * is due after 2 s of readable time. Ada's token is valid throughout, Bob's until host 5 s.
 */
const V = 1_000_000;
const RETENTION = 28 * 86_400_000;
const ada = "ada";
const bob = "bob";
const members = new Map([
  [ada, "urn:li:person:ada"],
  [bob, "urn:li:person:bob"],
]);
const ticks: Tick[] = Array.from({ length: 11 }, (_, i) => ({
  realMs: i * 1000,
  virtualMs: V + i * 1000,
  running: true,
  validMembers: i < 5 ? [ada, bob] : [ada],
}));
const event = (
  id: number,
  member: string,
  processedAt: number,
  firstServedAt: number | null,
): TruthEvent => ({ id, member, processedAt, firstServedAt });
const truth: TruthEvent[] = [
  // Archived once, served 500 ms after capture.
  event(1, ada, V, V + 500),
  // Archived twice (a duplicate), served after 2 s.
  event(2, ada, V + 1000, V + 3000),
  // Readable for 8 s (ticks 2…9), never served: the cursor passed it.
  event(3, ada, V + 2000, null),
  // Captured at the last moment: readable for 0 s, not yet due.
  event(4, ada, V + 9500, null),
  // Bob's, readable 5 s (ticks 0…4), served, never written: served-not-archived.
  event(5, bob, V, V + 1000),
  // Bob's, after his token ended: never readable, not due.
  event(6, bob, V + 6000, null),
  // Ages out at V + 9,999: readable 10 s (ticks 0…9), never served.
  event(7, ada, V + 9999 - RETENTION, null),
  // Ages out at V + 800: readable 1 s (tick 0) only: missed by window, not blamed.
  event(8, ada, V + 800 - RETENTION, null),
];
const observed = (
  seq: number,
  at: number,
  status: number,
  retryAfter: string | null,
): ObservedRequest => ({
  seq,
  arrivedAtMs: at,
  answeredAtMs: at,
  virtualMs: V + at,
  method: "POST",
  path: "/oauth/v2/accessToken",
  status,
  retryAfter,
  linkedInVersion: false,
  tokenTag: null,
  application: null,
  member: null,
});

describe("the judge", () => {
  const verdict = judge({
    members,
    truth,
    ticks,
    output: [
      { id: 1, owner: "urn:li:person:ada" },
      { id: 2, owner: "urn:li:person:ada" },
      { id: 2, owner: "urn:li:person:ada" },
      { id: 99, owner: null },
    ],
    // A 429 asking for 1 s, called again after 200 ms; then a call after 1.5 s (honoured).
    requests: [
      observed(1, 1000, 429, "1"),
      observed(2, 1200, 200, null),
      observed(3, 2500, 200, null),
    ],
    retentionMs: RETENTION,
    endVirtualMs: V + 10_000,
    chanceMs: 2000,
    cadenceMs: 1000,
  });

  it("counts what was due, archived, missed, missed by window, duplicated and unexpected", () => {
    expect(verdict.totals).toEqual({
      expected: 5,
      archived: 2,
      missed: 3,
      missedByWindow: 1,
      duplicates: 1,
      unexpected: 1,
    });
    expect(verdict.passed).toBe(false);
  });

  it("gives each miss its reason, per member", () => {
    const [adaVerdict, bobVerdict] = verdict.members;
    expect(adaVerdict?.missed).toEqual([
      { id: 7, processedAt: V + 9999 - RETENTION, reason: "aged-out-never-served" },
      { id: 3, processedAt: V + 2000, reason: "never-served-cursor-passed" },
    ]);
    expect(adaVerdict?.missedByWindow).toEqual([{ id: 8, processedAt: V + 800 - RETENTION }]);
    expect(adaVerdict?.duplicates).toEqual([2]);
    expect(bobVerdict?.missed).toEqual([{ id: 5, processedAt: V, reason: "served-not-archived" }]);
    expect(verdict.unexpected).toEqual([{ id: 99, owner: null }]);
  });

  it("reports lateness from capture to first serving, with nearest-rank percentiles", () => {
    // Lags of the archived events: 500 ms (event 1) and 2,000 ms (event 2).
    expect(verdict.late).toEqual({
      count: 2,
      p50Ms: 500,
      p99Ms: 2000,
      maxMs: 2000,
      overCadence: 1,
    });
  });

  it("finds the call made before Retry-After had passed, and only that one", () => {
    expect(verdict.protocol).toEqual([
      expect.objectContaining({ kind: "ignored-retry-after", count: 1 }),
    ]);
  });
});
