import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../../clock.js";
import type { CapturePlanner } from "./plan-capture.js";

/**
 * TEST ONLY. How capture stamps `processedAt`. `correct` is the design
 * (design/capture-ordering.md): the clock is read after the member locks and clamped to the
 * watermark. `stamp-before-lock` is the classic bug, kept so that the concurrency checker can
 * show it has teeth: the time is read before the locks, a slow start lets a later stamp
 * commit first, and a poller whose cursor passed it never sees the earlier one. Selected by
 * `REGULA_TEST_CAPTURE_VARIANT`, which the configuration accepts only together with
 * `REGULA_ENABLE_TEST_VARIANTS=1`; never on by default.
 */
export type CaptureVariant = "correct" | "stamp-before-lock";

/** The slowest start the broken variant simulates between stamping and locking. */
const MAX_START_DELAY_MS = 20;

/**
 * Wraps `planner` so it plans with a time read now, before the caller takes the locks, and
 * without the watermark clamp (which would otherwise repair the stale stamp).
 */
export async function stampBeforeLock(
  clock: Clock,
  planner: CapturePlanner,
): Promise<CapturePlanner> {
  const stampedAtMs = clock.nowMs();
  // A transaction that is slow to reach its lock: the window in which the bug bites.
  await sleep(Math.floor(Math.random() * MAX_START_DELAY_MS));
  return (snapshot) => planner({ ...snapshot, nowMs: stampedAtMs, watermarks: new Map() });
}
