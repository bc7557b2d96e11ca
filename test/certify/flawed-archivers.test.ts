import { describe, expect, it } from "vitest";
import type { ScenarioResult } from "../../src/certify/run-certification.js";
import {
  certify,
  certifyStores,
  flawedArchiverCommand,
  summary,
  withCertifyWorld,
} from "./certify-harness.js";
import type { Flaw } from "./flawed-archiver.js";

/**
 * The checker has teeth: each polling bug seen in the wild, carried by the test tree's
 * flawed archiver, is flagged by the scenario built to catch it, with the finding that names
 * it; and the same archiver without the flaw passes those scenarios (the control), so the
 * finding comes from the flaw and not from the world.
 */
const catches: Array<{
  flaw: Flaw;
  scenario: string;
  finding: string;
  flagged(result: ScenarioResult): boolean;
}> = [
  {
    flaw: "own-clock-cursor",
    scenario: "clock-skew",
    finding: "events never served: the cursor passed them",
    flagged: (r) => missedFor(r, "never-served-cursor-passed") > 0,
  },
  {
    flaw: "exclusive-start",
    scenario: "same-millisecond-burst",
    finding: "events never served: the cursor passed them",
    flagged: (r) => missedFor(r, "never-served-cursor-passed") > 0,
  },
  {
    flaw: "no-dedup",
    scenario: "steady",
    finding: "events archived more than once",
    flagged: (r) => (r.verdict?.totals.duplicates ?? 0) > 0,
  },
  {
    flaw: "fixed-start-offset",
    scenario: "head-of-window-purge",
    finding: "events missed while the head of the window was purged",
    flagged: (r) => (r.verdict?.totals.missed ?? 0) > 0,
  },
  {
    flaw: "ignores-retry-after",
    scenario: "throttle-storm",
    finding: "calls made before Retry-After had passed",
    flagged: (r) => r.verdict?.protocol.some((p) => p.kind === "ignored-retry-after") === true,
  },
  {
    flaw: "stops-at-first-short-page",
    scenario: "steady",
    finding: "members never polled: their events were never served",
    flagged: (r) => missedFor(r, "never-served-cursor-passed") > 0,
  },
];

function missedFor(result: ScenarioResult, reason: string): number {
  return (result.verdict?.members ?? []).reduce(
    (sum, m) => sum + m.missed.filter((miss) => miss.reason === reason).length,
    0,
  );
}

describe.each(certifyStores)("certify flags flawed archivers on %s", (store) => {
  it("passes the flawed archiver's control (no flaw) through every catching scenario", async () => {
    const scenarioNames = [...new Set(catches.map((c) => c.scenario))];
    const report = await withCertifyWorld(store, (world) =>
      certify(world, flawedArchiverCommand(), scenarioNames),
    );
    expect(report.scenarios.map((s) => s.name)).toEqual(scenarioNames);
    expect(report.passed, summary(report)).toBe(true);
  }, 240_000);

  it.each(catches)(
    "$flaw is caught by $scenario ($finding)",
    async ({ flaw, scenario, flagged }) => {
      const report = await withCertifyWorld(store, (world) =>
        certify(world, flawedArchiverCommand(flaw), [scenario]),
      );
      const [result] = report.scenarios;
      expect(result?.error ?? null).toBeNull();
      expect(report.passed, summary(report)).toBe(false);
      expect(result && flagged(result), summary(report)).toBe(true);
    },
    120_000,
  );
});
