import { Writable } from "node:stream";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { redactedLogPaths } from "../../src/app.js";
import type { Clock } from "../../src/clock.js";
import { composeServer } from "../../src/compose-server.js";
import { loadConfig } from "../../src/config.js";
import type { SeedDocument } from "../../src/sandbox/seed-document.js";
import { hashSecret } from "../../src/secrets.js";
import type { Services } from "../../src/services.js";
import { type ConformanceChecker, conformanceChecker } from "./openapi-conformance.js";
import type { StoreTarget } from "./store-targets.js";

export const TEST_ADMIN_KEY = "test-admin-key-0123456789abcdef";

export interface Harness {
  app: FastifyInstance;
  services: Services;
  /** Every log line the server wrote, as raw JSON text. */
  logs: string[];
  admin: { authorization: string };
  close(): Promise<void>;
}

/**
 * A whole server over a fresh store of the given kind, built without listening (inject) or
 * listening on an ephemeral loopback port when `listen` is set.
 */
export interface HarnessOptions {
  env?: Record<string, string>;
  seed?: SeedDocument | null;
  listen?: boolean;
  /** The real-time clock the failed-authentication limiter counts with. */
  authFailureClock?: Clock;
}

export type ListeningHarness = Harness & { baseUrl: string };

export async function startHarness(
  target: StoreTarget,
  options: HarnessOptions = {},
): Promise<ListeningHarness> {
  const created = await target.create();
  const config = loadConfig({
    REGULA_DATA_DIR: created.location.dataDir,
    LOG_LEVEL: "info",
    ...options.env,
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  // The store is the target's (disposed below); tests seed and move the clock themselves.
  const server = await composeServer(config, {
    store: created.store,
    adminKeyHash: hashSecret(TEST_ADMIN_KEY),
    startupSeed: options.seed ?? null,
    seedEmptyStore: false,
    schedules: false,
    // Always at info, whatever LOG_LEVEL the test sets, so tests can read what was logged.
    logger: { level: "info", stream, redact: redactedLogPaths },
    ...(options.authFailureClock ? { authFailureClock: options.authFailureClock } : {}),
  }).catch(async (error: unknown) => {
    await created.dispose();
    throw error;
  });
  const { app, services } = server;
  let baseUrl = "";
  if (options.listen) baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  else await app.ready();
  const checker = await checkEveryAnswer(app);
  return {
    app,
    services,
    logs,
    baseUrl,
    admin: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    async close() {
      await server.close();
      await created.dispose();
      if (checker.nonconformities.length > 0) {
        throw new Error(
          `answers that do not match /openapi.json:\n${checker.nonconformities
            .map((n) => `  ${n.call}: ${n.problem}`)
            .join("\n")}`,
        );
      }
    },
  };
}

/**
 * The set-up most suites share: a harness started before the suite's tests (`perTest`: before
 * each test, on a fresh store) and closed after them, optionally with the virtual clock frozen
 * so time moves only when the test moves it. Call it in a `describe` body; the handle it
 * returns reads the running harness, so use it inside tests and hooks registered after it
 * (Vitest runs hooks in the order they were registered).
 */
export function useHarness(
  target: StoreTarget,
  options: HarnessOptions & { frozen?: boolean; perTest?: boolean } = {},
): ListeningHarness {
  const { frozen, perTest, ...harnessOptions } = options;
  let current: ListeningHarness | null = null;
  const start = async () => {
    current = await startHarness(target, harnessOptions);
    if (frozen) await current.services.clock.freeze(true);
  };
  const stop = async () => {
    const running = current;
    current = null;
    await running?.close();
  };
  if (perTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  const running = (): ListeningHarness => {
    if (!current) throw new Error("useHarness: the harness runs only inside tests and hooks");
    return current;
  };
  return {
    get app() {
      return running().app;
    },
    get services() {
      return running().services;
    },
    get logs() {
      return running().logs;
    },
    get admin() {
      return running().admin;
    },
    get baseUrl() {
      return running().baseUrl;
    },
    close: () => running().close(),
  };
}

/**
 * Every answer a test gets through `app.inject` is checked against the server's own
 * /openapi.json (issue 13: the document cannot drift from the server); `close()` fails the
 * suite on the first mismatch. Statuses a sandbox fault may inject fall back to `default`.
 */
async function checkEveryAnswer(app: FastifyInstance): Promise<ConformanceChecker> {
  const checker = await conformanceChecker(app, { allowDefault: true });
  const inject = app.inject.bind(app) as (...args: unknown[]) => unknown;
  const checked = (options?: InjectOptions | string, callback?: unknown) => {
    // The chained form (no options) and the callback form are passed through unchecked.
    if (options === undefined || callback !== undefined) return inject(options, callback);
    const request: InjectOptions = typeof options === "string" ? { url: options } : options;
    return (inject(request) as Promise<LightMyRequestResponse>).then((res) => {
      checker.record(request, res);
      return res;
    });
  };
  app.inject = checked as typeof app.inject;
  return checker;
}
