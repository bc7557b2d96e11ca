import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp, redactedLogPaths } from "./app.js";
import { startPurgeSchedule } from "./cli/purge-schedule.js";
import type { Clock } from "./clock.js";
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
  /**
   * The world an empty store starts with (serve: REGULA_SEED or the demo world), and what
   * `POST /sandbox/reset` re-applies; null: reset without a seed empties the world.
   */
  startupSeed: SeedDocument | null;
  /**
   * An already-opened store (tests: their own temp dir or PostgreSQL database). The caller
   * keeps it: `close()` leaves it open. Default: open the one `config` names.
   */
  store?: Store;
  /** SHA-256 of the admin key (tests: a fixed key). Default: REGULA_ADMIN_KEY or the key file. */
  adminKeyHash?: string;
  /** Pino options or false (default: LOG_LEVEL with credentials redacted). */
  logger?: boolean | Record<string, unknown>;
  /** Where log lines go, at LOG_LEVEL with credentials redacted; ignored when `logger` is set. */
  logStream?: NodeJS.WritableStream;
  /** Set and freeze the clock of an empty store (before it is seeded). */
  frozenAt?: number;
  /** The real time under the virtual clock (default the system's); tests pass one they move. */
  realClock?: Clock;
  /** The real time failed authentications are counted with (default the system's). */
  authFailureClock?: Clock;
  /** Apply `startupSeed` to an empty store (default true; tests seed what they need). */
  seedEmptyStore?: boolean;
  /**
   * Run the schedules: the clock follower and the retention purge (default true; tests move
   * the clock and purge explicitly, and leave no timers behind).
   */
  schedules?: boolean;
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
  /**
   * Stops the schedules, drains in-flight requests (app.close), then closes the store unless
   * the caller passed it in.
   */
  close(): Promise<void>;
}

/**
 * The one wiring of a whole server, shared by `regula serve`, `startRegula()` and the test
 * harness: open the store (migrations applied), load the clock, seed an empty world once,
 * build the app, and start the clock follower and the purge schedule. Listening is left to
 * the caller.
 */
export async function composeServer(
  config: Config,
  options: ComposeOptions,
): Promise<ComposedServer> {
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await openConfiguredStore(config));
  try {
    const clock = new VirtualClock(store, options.realClock);
    await clock.load();
    const adminKey: AdminKeySource =
      options.adminKeyHash === undefined
        ? resolveAdminKey({ configuredKey: config.adminKey, dataDir: config.dataDir })
        : { keyHash: options.adminKeyHash, origin: "caller", filePath: null, generatedKey: null };
    const seeded =
      options.seedEmptyStore === false || options.startupSeed === null
        ? await freezeEmptyWorld(store, clock, options.frozenAt)
        : await seedEmptyWorld(store, clock, options.startupSeed, options);
    const services = createServices({
      config,
      store,
      clock,
      adminKeyHash: adminKey.keyHash,
      startupSeed: options.startupSeed,
    });
    const metrics = new Metrics({ processMetrics: options.processMetrics === true });
    const logger = options.logger ?? loggerOnStream(config, options.logStream);
    const app = await buildApp(services, {
      metrics,
      consoleDir: consoleDistDir(),
      ...(logger === undefined ? {} : { logger }),
      ...(options.authFailureClock === undefined
        ? {}
        : { authFailureClock: options.authFailureClock }),
    });
    const stopSchedules =
      options.schedules === false
        ? async () => {}
        : startSchedules(config, store, clock, metrics, app);
    let closing: Promise<void> | null = null;
    return {
      app,
      services,
      store,
      adminKey,
      seeded,
      close: () => {
        closing ??= (async () => {
          await stopSchedules();
          await app.close();
          if (ownsStore) await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    throw error;
  }
}

async function openConfiguredStore(config: Config): Promise<Store> {
  return openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteMmapBytes: config.sqliteMmapMb * 1024 * 1024,
    sqlitePageWorkers: config.sqlitePageWorkers,
  }).catch((error: unknown) => {
    throw config.databaseUrl ? databaseUrlError(config.databaseUrl, error) : error;
  });
}

function loggerOnStream(
  config: Config,
  stream: NodeJS.WritableStream | undefined,
): Record<string, unknown> | undefined {
  if (stream === undefined) return undefined;
  return { level: config.logLevel, redact: redactedLogPaths, stream };
}

/** The clock follower and the retention purge; returns a function that stops both. */
function startSchedules(
  config: Config,
  store: Store,
  clock: VirtualClock,
  metrics: Metrics,
  app: FastifyInstance,
): () => Promise<void> {
  const stopFollowingClock = clock.follow(CLOCK_REFRESH_MS);
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
  return async () => {
    stopFollowingClock();
    await purgeSchedule.stop();
  };
}

async function isEmptyWorld(store: Store): Promise<boolean> {
  return (
    (await store.applications.list()).length === 0 && (await store.members.list()).length === 0
  );
}

/** Without the start-up seed, `frozenAt` still sets and freezes an empty store's clock. */
async function freezeEmptyWorld(
  store: Store,
  clock: VirtualClock,
  frozenAt: number | undefined,
): Promise<null> {
  if (frozenAt !== undefined && (await isEmptyWorld(store))) await freezeAt(clock, frozenAt);
  return null;
}

/** Freezes first, so the clock stops exactly at `frozenAt` rather than a moment after. */
async function freezeAt(clock: VirtualClock, frozenAt: number): Promise<void> {
  await clock.freeze(true);
  await clock.setTo(frozenAt, false);
}

async function seedEmptyWorld(
  store: Store,
  clock: VirtualClock,
  startupSeed: SeedDocument,
  options: Pick<ComposeOptions, "frozenAt" | "realClock">,
): Promise<SeedResult | null> {
  if (!(await isEmptyWorld(store))) return null;
  // Several processes may start on one empty PostgreSQL at once: only the one that claims
  // the seeding applies the seed.
  const claim = randomUUID();
  if ((await store.settings.setIfAbsent("world:seed-claim", claim)) !== claim) return null;
  if (options.frozenAt !== undefined) await freezeAt(clock, options.frozenAt);
  // One transaction, so a seed that fails leaves the store empty and unclaimed, and the
  // next start tries again; the clock of the empty world and the claim are kept.
  const clockState = await store.settings.readClock();
  const seeded = await store.world.replace(async (world) => {
    await world.settings.set("world:seed-claim", claim);
    await world.settings.writeClock(clockState);
    const worldClock = new VirtualClock(world, options.realClock);
    await worldClock.load();
    return applySeed(startupSeed, { store: world, clock: worldClock });
  });
  await clock.load();
  return seeded;
}
