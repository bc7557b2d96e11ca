import { VirtualClock } from "../domain/virtual-clock.js";
import type { Services } from "../services.js";
import { applySeed, type SeedResult } from "./apply-seed.js";
import type { SeedDocument } from "./seed-document.js";

/**
 * Empties the world and applies `seed` (when given) in one store transaction: a seed that
 * fails anywhere — a duplicate id, a dangling reference, a message to an unknown thread —
 * leaves the old world exactly as it was, clock included. Faults and the journal, which live
 * in this process, are cleared only once the new world is committed.
 */
export async function replaceWorld(
  seed: SeedDocument | null,
  services: Pick<Services, "store" | "clock" | "faults" | "journal">,
): Promise<SeedResult | null> {
  const result = await services.store.world.replace(async (world) => {
    // The world's own clock, read inside the transaction (a seed may set it).
    const clock = new VirtualClock(world);
    await clock.load();
    return seed ? applySeed(seed, { store: world, clock }) : null;
  });
  services.faults.clear();
  services.journal.clear();
  await services.clock.load();
  return result;
}
