import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import secureJson from "secure-json-parse";
import type { Clock } from "./clock.js";
import { realClock } from "./clock.js";
import { AuthFailureLimiter } from "./domain/auth-failure-limiter.js";
import { DailyQuota } from "./domain/daily-quota.js";
import { AppError } from "./errors.js";
import { handleClientError } from "./http/client-errors.js";
import { withCredentialSafeLogging } from "./http/log-serializers.js";
import {
  documentOnlyValidator,
  registerOpenApi,
  serializeAsIs,
} from "./http/openapi/register-openapi.js";
import { registerAdminAuth } from "./http/plugins/admin-auth.js";
import { registerErrorHandling, toAppError } from "./http/plugins/error-handling.js";
import { registerFaultsAndJournal } from "./http/plugins/faults-and-journal.js";
import { registerMetrics } from "./http/plugins/metrics.js";
import { Metrics } from "./http/plugins/metrics-registry.js";
import { registerRequestLogging } from "./http/plugins/request-logging.js";
import { registerRequestObserver } from "./http/plugins/request-observer.js";
import { registerRestProtocol } from "./http/plugins/rest-protocol.js";
import { registerVirtualDate } from "./http/plugins/virtual-date.js";
import { consoleRoutes, defaultConsoleDir } from "./http/routes/console.js";
import { docsRoutes } from "./http/routes/docs.js";
import { landingRoutes } from "./http/routes/landing.js";
import { OAUTH_PREFIX, registerOAuthRoutes } from "./http/routes/oauth/index.js";
import { registerPrivacySettingsRoutes } from "./http/routes/psettings/index.js";
import { restResources } from "./http/routes/rest-resources.js";
import { serverRoutes } from "./http/routes/server.js";
import { sendError } from "./http/send-error.js";
import { htmlErrorHandler } from "./http/send-page.js";
import { createTunnelingServer } from "./http/tunneling-server.js";
import { parseActiveVersions } from "./restli/version.js";
import { applicationRoutes } from "./sandbox/routes/applications.js";
import { authorizationRoutes } from "./sandbox/routes/authorizations.js";
import { clockRoutes } from "./sandbox/routes/clock.js";
import { coverageRoutes } from "./sandbox/routes/coverage.js";
import { eventRoutes } from "./sandbox/routes/events.js";
import { faultRoutes } from "./sandbox/routes/faults.js";
import { memberOAuthRoutes } from "./sandbox/routes/member-oauth.js";
import { memberRoutes } from "./sandbox/routes/members.js";
import { messageRoutes } from "./sandbox/routes/messages.js";
import { snapshotRoutes } from "./sandbox/routes/snapshots.js";
import { worldRoutes } from "./sandbox/routes/world.js";
import type { Services } from "./services.js";

export interface BuildAppOptions {
  /** Pino options or false; tests pass a stream to read what was logged. */
  logger?: boolean | Record<string, unknown>;
  /** The built web console (default web/dist); `/console` answers 503 until it exists. */
  consoleDir?: string;
  /**
   * Real time for counting failed authentications (never the virtual clock, which may be
   * frozen); tests pass a clock they move.
   */
  authFailureClock?: Clock;
  /** This instance's metrics (default: a new Registry of its own). */
  metrics?: Metrics;
}

/** Headers and body fields that carry credentials; never written to a log. */
export const redactedLogPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

/** Builds the whole server without listening, so tests drive it with inject() or a socket. */
export async function buildApp(
  unobserved: Services,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const metrics = options.metrics ?? new Metrics();
  // Handlers see the store and the served tracker through the metrics' instruments.
  const services: Services = {
    ...unobserved,
    store: metrics.instrumentStore(unobserved.store),
    served: metrics.instrumentServed(unobserved.served),
  };
  const app = Fastify({
    logger: withCredentialSafeLogging(
      options.logger ?? { level: services.config.logLevel, redact: redactedLogPaths },
    ),
    bodyLimit: services.config.bodyLimitBytes,
    serverFactory: createTunnelingServer(services.config),
    // Errors of Node's HTTP parser and the header/request timeouts answer the catalogue's JSON.
    clientErrorHandler: handleClientError,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    // On close, idle keep-alive sockets are dropped and in-flight requests finish (drain).
    forceCloseConnections: "idle",
    // registerRequestLogging writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A path the router cannot decode (`/rest/x/%%%`) gets our JSON 400, not Fastify's body.
    frameworkErrors: (error, _request, reply) => sendError(reply, toAppError(error)),
  });

  if (services.config.testCaptureVariant !== "correct")
    app.log.warn(
      { variant: services.config.testCaptureVariant },
      "TEST ONLY capture variant in force: pollers can miss events",
    );
  const notFound = registerErrorHandling(app);
  registerJsonParser(app);
  await app.register(formbody, { bodyLimit: services.config.bodyLimitBytes });
  registerFaultsAndJournal(app, services);
  registerRequestObserver(app, services);
  registerRequestLogging(app);
  registerVirtualDate(app, services.clock);

  // Route schemas are the single source of the OpenAPI document (collected as routes register).
  await registerOpenApi(app);
  registerMetrics(app, metrics);
  app.setSerializerCompiler(serializeAsIs);
  await app.register(async (scope) => serverRoutes(scope, services));

  const activeVersions = parseActiveVersions(services.config.apiVersions);
  const quota = new DailyQuota({
    perApplication: services.config.quotaPerApplicationPerDay,
    perMember: services.config.quotaPerMemberPerDay,
  });
  for (const [prefix, requireVersion] of [
    ["/rest", true],
    ["/v2", false],
  ] as const) {
    await app.register(
      async (scope) => {
        // The Rest.li parser validates /rest; the route schemas document it.
        scope.setValidatorCompiler(documentOnlyValidator);
        registerRestProtocol(scope, {
          store: services.store,
          clock: services.clock,
          activeVersions,
          requireVersion,
          quota,
        });
        for (const resource of restResources) await resource(scope, services);
        scope.setNotFoundHandler(notFound);
      },
      { prefix },
    );
  }

  const authFailures = new AuthFailureLimiter(
    { limit: services.config.authFailureLimit, windowMs: services.config.authFailureWindowMs },
    options.authFailureClock ?? realClock,
  );
  await app.register(async (scope) => registerOAuthRoutes(scope, services, authFailures), {
    prefix: OAUTH_PREFIX,
  });
  await app.register(async (scope) => registerPrivacySettingsRoutes(scope, services));

  await app.register(
    async (scope) => {
      registerAdminAuth(scope, services.adminKeyHash, authFailures);
      await applicationRoutes(scope, services);
      await memberRoutes(scope, services);
      await memberOAuthRoutes(scope, services);
      await clockRoutes(scope, services);
      await messageRoutes(scope, services);
      await faultRoutes(scope, services);
      await worldRoutes(scope, services);
      await snapshotRoutes(scope, services);
      await authorizationRoutes(scope, services);
      await eventRoutes(scope, services);
      await coverageRoutes(scope, services);
    },
    { prefix: "/sandbox" },
  );

  await app.register(async (scope) => {
    scope.setErrorHandler(htmlErrorHandler);
    await landingRoutes(scope, services);
    await docsRoutes(scope);
  });
  await app.register(consoleRoutes, { distDir: options.consoleDir ?? defaultConsoleDir });

  return app;
}

/**
 * JSON bodies: LinkedIn's JS client sends `Content-Type: application/json` on GET and DELETE
 * with no body, so an empty JSON body is "no body", not an error.
 */
function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    try {
      // Rejects __proto__ and constructor.prototype keys (prototype poisoning).
      done(
        null,
        secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" }),
      );
    } catch (error) {
      done(
        new AppError("MALFORMED_JSON", "Request body is not valid JSON", { cause: error }),
        undefined,
      );
    }
  });
}
