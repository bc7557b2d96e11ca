/** Where the schedule reports: pino's call shape (`app.log`), reduced to what it uses. */
export interface PurgeLog {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface PurgeSchedule {
  /** Stops the timer and waits for a purge in progress, so the store can close after it. */
  stop(): Promise<void>;
}

/**
 * Runs `purge` at once and then every `intervalMs`, never two at a time. The timer is
 * unref'd: it never keeps the process alive, and a failed run is logged, not fatal.
 */
export function startPurgeSchedule(
  purge: () => Promise<number>,
  options: { intervalMs: number; log: PurgeLog },
): PurgeSchedule {
  let running: Promise<void> | null = null;
  const runOnce = () => {
    if (running) return;
    running = purge()
      .then(
        (purged) => {
          if (purged > 0)
            options.log.info(
              { purgedEvents: purged },
              "purged events older than the retention window",
            );
        },
        (error: unknown) => options.log.error({ err: error }, "purging expired events failed"),
      )
      .finally(() => {
        running = null;
      });
  };
  runOnce();
  const timer = setInterval(runOnce, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
