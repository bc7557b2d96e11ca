import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { api } from "./api-client";
import type { ClockView } from "./api-types";

/**
 * What every page shares: the virtual clock and a version number bumped whenever the world
 * changes under the pages' feet (clock moved, world reset), so they fetch again.
 */
interface World {
  version: number;
  changed(): void;
  clock: ClockView | null;
  /** When (browser time) the clock was read, to let a running clock tick in between. */
  clockReadAt: number;
  setClock(clock: ClockView): void;
}

const WorldContext = createContext<World | null>(null);
const CLOCK_REFRESH_MS = 5_000;

export function WorldProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const [reading, setReading] = useState<{ clock: ClockView | null; readAt: number }>({
    clock: null,
    readAt: 0,
  });
  const setClock = useCallback((clock: ClockView) => setReading({ clock, readAt: Date.now() }), []);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read the clock again whenever the world changes
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api<ClockView>("/sandbox/clock")
        .then((clock) => {
          if (!cancelled) setClock(clock);
        })
        .catch(() => {});
    load();
    const timer = setInterval(load, CLOCK_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [setClock, version]);

  const value: World = {
    version,
    changed,
    clock: reading.clock,
    clockReadAt: reading.readAt,
    setClock,
  };
  return <WorldContext.Provider value={value}>{children}</WorldContext.Provider>;
}

export function useWorld(): World {
  const world = useContext(WorldContext);
  if (!world) throw new Error("useWorld outside WorldProvider");
  return world;
}

/**
 * The virtual now, ticking once a second between reads of the server's clock (a frozen clock
 * stands still). Null until the clock was read.
 */
export function useVirtualNow(): number | null {
  const { clock, clockReadAt } = useWorld();
  const [, tick] = useState(0);
  useEffect(() => {
    if (!clock || clock.mode === "frozen") return;
    const timer = setInterval(() => tick((t) => t + 1), 1_000);
    return () => clearInterval(timer);
  }, [clock]);
  if (!clock) return null;
  return clock.mode === "frozen" ? clock.now : clock.now + (Date.now() - clockReadAt);
}
