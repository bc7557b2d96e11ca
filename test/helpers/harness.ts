import { Writable } from "node:stream";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp, redactedLogPaths } from "../../src/app.js";
import type { Clock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { createServices } from "../../src/create-services.js";
import { VirtualClock } from "../../src/domain/virtual-clock.js";
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
  const clock = new VirtualClock(created.store);
  await clock.load();
  const services: Services = createServices({
    config,
    store: created.store,
    clock,
    adminKeyHash: hashSecret(TEST_ADMIN_KEY),
    startupSeed: options.seed ?? null,
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const app = await buildApp(services, {
    logger: { level: "info", stream, redact: redactedLogPaths },
    authFailureClock: options.authFailureClock,
  });
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
      await app.close();
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
