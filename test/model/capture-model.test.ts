import fc from "fast-check";
import { describe, it } from "vitest";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import { historyArbitrary } from "./history.js";
import { runHistory } from "./run-history.js";

/**
 * Invariants 1, 2, 5 and 6 against a reference model: random histories of opt-ins, opt-outs
 * (by the member, by the application, and refused ones across applications), members
 * removing the app, token expiry and revocation, clock moves across the 28-day window,
 * purges, new threads and replies. One store per run; the world is emptied between histories.
 */
const RUNS = Number(process.env.REGULA_MODEL_RUNS ?? 200);

describe.each(storeTargets)("capture against the reference model on $name", (target) => {
  const h = useHarness(target);

  it(`every (application, member) reads exactly the events of its authorized messages of the past 28 days (${RUNS} histories)`, async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, (history) => runHistory(h, history)),
      { numRuns: RUNS },
    );
  }, 240_000);
});
