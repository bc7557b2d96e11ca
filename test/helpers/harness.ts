import { Writable } from "node:stream";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
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
export async function startHarness(
  target: StoreTarget,
  options: {
    env?: Record<string, string>;
    seed?: SeedDocument | null;
    listen?: boolean;
    /** The real-time clock the failed-authentication limiter counts with. */
    authFailureClock?: Clock;
  } = {},
): Promise<Harness & { baseUrl: string }> {
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
