import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { startPurgeSchedule } from "./cli/purge-schedule.js";
import type { Config } from "./config.js";
import { createServices } from "./create-services.js";
import { purgeExpiredEvents } from "./domain/events/find-events.js";
import { VirtualClock } from "./domain/virtual-clock.js";
import { Metrics } from "./http/plugins/metrics-registry.js";
import { consoleDistDir } from "./package-root.js";
import { type AdminKeySource, resolveAdminKey } from "./sandbox/admin-key.js";
import { applySeed, type SeedResult } from "./sandbox/apply-seed.js";
import type { SeedDocument } from "./sandbox/seed-document.js";
import type { Services } from "./services.js";
import { databaseUrlError } from "./startup-errors.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";

/** How often this process picks up clock changes made through another process. */
const CLOCK_REFRESH_MS = 1000;

/** How often events that aged out of the retention window are deleted. */
const PURGE_INTERVAL_MS = 10 * 60_000;

export interface ComposeOptions {
  /** The world an empty store starts with (serve: REGULA_SEED or the demo world). */
  startupSeed: SeedDocument;
  /** Pino options or false (default: LOG_LEVEL with credentials redacted). */
  logger?: boolean | Record<string, unknown>;
  /** Set and freeze the clock of an empty store before it is seeded. */
  frozenAt?: number;
  /** Also export Node's process metrics (`regula serve`: the one server of its process). */
  processMetrics?: boolean;
}

export interface ComposedServer {
  app: FastifyInstance;
  services: Services;
  store: Store;
  adminKey: AdminKeySource;
  /** What the start-up seed created, or null when the store already held a world. */
  seeded: SeedResult | null;
  /** Stops the schedules, drains in-flight requests (app.close), then closes the store. */
  close(): Promise<void>;
}

/**
 * The one wiring of a whole server, shared by `regula serve` and `startRegula()`: open the
 * store (migrations applied), load the clock, seed an empty world once, build the app, and
 * start the clock follower and the purge schedule. Listening is left to the caller.
 */
export async function composeServer(
  config: Config,
  options: ComposeOptions,
): Promise<ComposedServer> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  }).catch((error: unknown) => {
    throw config.databaseUrl ? databaseUrlError(config.databaseUrl, error) : error;
  });
  try {
    const clock = new VirtualClock(store);
    await clock.load();
    const adminKey = resolveAdminKey({ configuredKey: config.adminKey, dataDir: config.dataDir });
    const seeded = await seedEmptyWorld(store, clock, options);
    const stopFollowingClock = clock.follow(CLOCK_REFRESH_MS);
    const services = createServices({
      config,
      store,
      clock,
      adminKeyHash: adminKey.keyHash,
      startupSeed: options.startupSeed,
    });
    const metrics = new Metrics({ processMetrics: options.processMetrics === true });
    const app = await buildApp(services, {
      metrics,
      consoleDir: consoleDistDir(),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    // Through the metrics' store, so purge runs and rows are counted.
    const purgeDeps = {
      store: metrics.instrumentStore(store),
      clock,
      retentionDays: config.eventRetentionDays,
    };
    const purgeSchedule = startPurgeSchedule(() => purgeExpiredEvents(purgeDeps), {
      intervalMs: PURGE_INTERVAL_MS,
      log: app.log,
    });
    let closing: Promise<void> | null = null;
    return {
      app,
      services,
      store,
      adminKey,
      seeded,
      close: () => {
        closing ??= (async () => {
          stopFollowingClock();
          await purgeSchedule.stop();
          await app.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}

async function seedEmptyWorld(
  store: Store,
  clock: VirtualClock,
  options: ComposeOptions,
): Promise<SeedResult | null> {
  const empty =
    (await store.applications.list()).length === 0 && (await store.members.list()).length === 0;
  if (!empty) return null;
  // Several processes may start on one empty PostgreSQL at once: only the one that claims
  // the seeding applies the seed.
  const claim = randomUUID();
  if ((await store.settings.setIfAbsent("world:seed-claim", claim)) !== claim) return null;
  if (options.frozenAt !== undefined) {
    await clock.setTo(options.frozenAt, false);
    await clock.freeze(true);
  }
  // One transaction, so a seed that fails leaves the store empty and unclaimed, and the
  // next start tries again; the clock of the empty world and the claim are kept.
  const clockState = await store.settings.readClock();
  const seeded = await store.world.replace(async (world) => {
    await world.settings.set("world:seed-claim", claim);
    await world.settings.writeClock(clockState);
    const worldClock = new VirtualClock(world);
    await worldClock.load();
    return applySeed(options.startupSeed, { store: world, clock: worldClock });
  });
  await clock.load();
  return seeded;
}
