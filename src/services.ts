import type { Config } from "./config.js";
import type { VirtualClock } from "./domain/virtual-clock.js";
import type { FaultAction, FaultBody } from "./sandbox/faults.js";
import type { JournalEntry } from "./sandbox/journal.js";
import type { SeedDocument } from "./sandbox/seed-document.js";
import type { Store } from "./store/store.js";

/**
 * Injected faults, as the `/rest` and `/oauth` hooks (`decide`) and the control plane (the
 * rest) use them. An interface, so this file depends on no implementation.
 */
export interface Faults {
  decide(method: string, path: string): FaultAction | null;
  add(spec: FaultBody): string;
  list(): Array<FaultBody & { id: string; remaining: number | null; hits: number }>;
  remove(id: string): boolean;
  clear(): void;
}

/** The request journal: the hooks `record`, the control plane reads `latest` and clears. */
export interface Journal {
  record(entry: JournalEntry): void;
  latest(limit: number): JournalEntry[];
  clear(): void;
}

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
  faults: Faults;
  /** The latest `/rest` and `/oauth` requests (in memory, per process). */
  journal: Journal;
}
