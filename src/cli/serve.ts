import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { buildApp } from "../app.js";
import type { Config } from "../config.js";
import { createServices } from "../create-services.js";
import { purgeExpiredEvents } from "../domain/events/find-events.js";
import { VirtualClock } from "../domain/virtual-clock.js";
import { resolveAdminKey } from "../sandbox/admin-key.js";
import { applySeed, type SeedResult } from "../sandbox/apply-seed.js";
import { demoSeed } from "../sandbox/demo-seed.js";
import { parseSeedDocument, type SeedDocument } from "../sandbox/seed-document.js";
import { openStore } from "../store/open-store.js";
import { printBanner } from "./banner.js";
import { startPurgeSchedule } from "./purge-schedule.js";

/** How often this process picks up clock changes made through another process. */
const CLOCK_REFRESH_MS = 1000;

/** How often events that aged out of the 28-day window are deleted. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/** Loads the seed named by REGULA_SEED, or the built-in demo world. */
export function loadStartupSeed(config: Config): SeedDocument {
  if (!config.seedFile) return demoSeed;
  try {
    return parseSeedDocument(JSON.parse(fs.readFileSync(config.seedFile, "utf8")));
  } catch (error) {
    throw new Error(`REGULA_SEED ${config.seedFile}: ${(error as Error).message}`);
  }
}

/** `regula serve`: open the store, seed an empty world, listen, and stop cleanly on signals. */
export async function serve(config: Config): Promise<void> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const clock = new VirtualClock(store);
  await clock.load();
  const adminKey = resolveAdminKey({ configuredKey: config.adminKey, dataDir: config.dataDir });
  const startupSeed = loadStartupSeed(config);

  let seeded: SeedResult | null = null;
  const empty =
    (await store.applications.list()).length === 0 && (await store.members.list()).length === 0;
  // Several processes may start on one empty PostgreSQL at once: only the one that claims
  // the seeding applies the seed.
  const claim = randomUUID();
  if (empty && (await store.settings.setIfAbsent("world:seed-claim", claim)) === claim) {
    // One transaction, so a seed that fails leaves the store empty and unclaimed, and the
    // next start tries again; the clock of the empty world and the claim are kept.
    const clockState = await store.settings.readClock();
    seeded = await store.world.replace(async (world) => {
      await world.settings.set("world:seed-claim", claim);
      await world.settings.writeClock(clockState);
      const worldClock = new VirtualClock(world);
      await worldClock.load();
      return applySeed(startupSeed, { store: world, clock: worldClock });
    });
    await clock.load();
  }
  const stopFollowingClock = clock.follow(CLOCK_REFRESH_MS);

  const app = await buildApp(
    createServices({ config, store, clock, adminKeyHash: adminKey.keyHash, startupSeed }),
  );
  const durabilityWarning = await store.checkDurability();
  if (durabilityWarning) app.log.warn(durabilityWarning);
  const address = await app.listen({ port: config.port, host: config.host });
  printBanner({ address, config, adminKey, seeded, dialect: store.dialect });
  const purgeDeps = { store, clock, retentionDays: config.eventRetentionDays };
  const purgeSchedule = startPurgeSchedule(() => purgeExpiredEvents(purgeDeps), {
    intervalMs: PURGE_INTERVAL_MS,
    log: app.log,
  });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    stopFollowingClock();
    await purgeSchedule.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}
