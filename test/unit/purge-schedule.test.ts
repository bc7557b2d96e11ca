import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startPurgeSchedule } from "../../src/cli/purge-schedule.js";

const INTERVAL_MS = 600_000;

describe("the purge schedule of regula serve", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const quietLog = () => ({ info: vi.fn(), error: vi.fn() });

  it("purges at start-up and then once per interval, until stopped", async () => {
    const purge = vi.fn(async () => 0);
    const schedule = startPurgeSchedule(purge, { intervalMs: INTERVAL_MS, log: quietLog() });
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(purge).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(purge).toHaveBeenCalledTimes(3);
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    expect(purge).toHaveBeenCalledTimes(3);
  });

  it("never starts a purge while one is still running, and stop waits for it", async () => {
    let finish: (purged: number) => void = () => {};
    const purge = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const log = quietLog();
    const schedule = startPurgeSchedule(purge, { intervalMs: INTERVAL_MS, log });
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(purge).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish(4);
    await stopping;
    expect(log.info).toHaveBeenCalledWith({ purgedEvents: 4 }, expect.any(String));
  });

  it("logs a failed purge and keeps the schedule running", async () => {
    const purge = vi.fn().mockRejectedValueOnce(new Error("database away")).mockResolvedValue(0);
    const log = quietLog();
    const schedule = startPurgeSchedule(purge, { intervalMs: INTERVAL_MS, log });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(purge).toHaveBeenCalledTimes(2);
    await schedule.stop();
  });

  it("does not keep the process alive", () => {
    const spy = vi.spyOn(globalThis, "setInterval");
    const schedule = startPurgeSchedule(async () => 0, {
      intervalMs: INTERVAL_MS,
      log: quietLog(),
    });
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    spy.mockRestore();
    return schedule.stop();
  });
});
