import type { Config } from "./config.js";
import type { VirtualClock } from "./domain/virtual-clock.js";
import { FaultRegistry } from "./sandbox/faults.js";
import { RequestJournal } from "./sandbox/journal.js";
import type { SeedDocument } from "./sandbox/seed-document.js";
import { ServedTracker } from "./sandbox/served-tracker.js";
import type { Store } from "./store/store.js";

/** Everything a request handler may use, wired once in main.ts and passed down explicitly. */
export interface Services {
  config: Config;
  store: Store;
  clock: VirtualClock;
  /** SHA-256 of the control plane's admin key. */
  adminKeyHash: string;
  /** What `POST /sandbox/reset` re-applies when the body names no seed. */
  startupSeed: SeedDocument | null;
  /** Injected faults on `/rest` and `/oauth` (in memory, per process; cleared by reset). */
  faults: FaultRegistry;
  /** The latest `/rest` and `/oauth` requests (in memory, per process). */
  journal: RequestJournal;
  /** What the Events API served, and observed requests (in memory, per process). */
  served: ServedTracker;
}

/** Services with a fresh, empty fault registry and journal. */
export function createServices(base: Omit<Services, "faults" | "journal" | "served">): Services {
  return {
    ...base,
    faults: new FaultRegistry(),
    journal: new RequestJournal(),
    served: new ServedTracker(),
  };
}
