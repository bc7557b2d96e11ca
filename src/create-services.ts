import { FaultRegistry } from "./sandbox/faults.js";
import { RequestJournal } from "./sandbox/journal.js";
import type { Services } from "./services.js";

/**
 * Services with a fresh, empty fault registry and journal. Wiring, so it may name the
 * in-memory implementations; `services.ts` itself only declares what handlers may use.
 */
export function createServices(base: Omit<Services, "faults" | "journal">): Services {
  return { ...base, faults: new FaultRegistry(), journal: new RequestJournal() };
}
