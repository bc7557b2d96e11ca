import type { Scenario } from "../scenario.js";
import { archiverRestart } from "./archiver-restart.js";
import { clockSkew } from "./clock-skew.js";
import { downtime27Days, downtime29Days } from "./downtime.js";
import { headOfWindowPurge } from "./head-of-window-purge.js";
import { lateCommit } from "./late-commit.js";
import { memberRemovesApp } from "./member-removes-app.js";
import { optOutAndBack } from "./opt-out-and-back.js";
import { sameMillisecondBurst } from "./same-millisecond-burst.js";
import { steady } from "./steady.js";
import { throttleStorm } from "./throttle-storm.js";
import { tokenExpiry } from "./token-expiry.js";
import { twoApplications } from "./two-applications.js";

/** Every scenario, in the order `--scenarios all` runs them. */
export const scenarios: readonly Scenario[] = [
  steady,
  sameMillisecondBurst,
  lateCommit,
  clockSkew,
  optOutAndBack,
  memberRemovesApp,
  tokenExpiry,
  throttleStorm,
  archiverRestart,
  downtime27Days,
  downtime29Days,
  headOfWindowPurge,
  twoApplications,
];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
