import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Clock } from "../../clock.js";
import type { DailyQuota } from "../../domain/daily-quota.js";
import { AppError, accessDenied } from "../../errors.js";
import { authenticateBearer, type Principal } from "../../oauth/authenticate-bearer.js";
import { DEFAULT_VERSION_MONTH_DATE } from "../../restli/default-version.js";
import { negotiateProtocolVersion, normalizeRestliMethod } from "../../restli/protocol.js";
import { type ApiVersion, parseApiVersion } from "../../restli/version.js";
import type { Store } from "../../store/store.js";

export interface RestCallContext {
  principal: Principal;
  /** Null on `/v2`, which predates versioning. */
  version: ApiVersion | null;
  restliMethod: string | undefined;
}

declare module "fastify" {
  interface FastifyRequest {
    restli: RestCallContext | null;
  }
}

export interface RestProtocolOptions {
  store: Store;
  clock: Clock;
  activeVersions: ReadonlySet<string>;
  requireVersion: boolean;
  quota: DailyQuota;
}

/**
 * The checks every `/rest` call passes, in LinkedIn's order: authentication (401), then the
 * version header (400/426); resource lookup (404), permission (403) and parameters (400)
 * follow in the route. The protocol version is echoed on every answer, errors included.
 */
export function registerRestProtocol(app: FastifyInstance, options: RestProtocolOptions): void {
  if (!app.hasRequestDecorator("restli")) app.decorateRequest("restli", null);
  app.addHook("onRequest", async (request, reply) => {
    // Echo the protocol version on every answer, errors included; a malformed one is a
    // parameter error, reported only after authentication and version (LinkedIn's order).
    let protocolError: unknown = null;
    try {
      reply.header(
        "X-RestLi-Protocol-Version",
        negotiateProtocolVersion(header(request, "x-restli-protocol-version")),
      );
    } catch (error) {
      reply.header("X-RestLi-Protocol-Version", "1.0.0");
      protocolError = error;
    }
    const principal = await authenticateBearer(header(request, "authorization"), options);
    const version = options.requireVersion
      ? parseApiVersion(header(request, "linkedin-version"), options.activeVersions)
      : null;
    if (protocolError) throw protocolError;
    const restliMethod = normalizeRestliMethod(header(request, "x-restli-method"));
    request.restli = { principal, version, restliMethod };
    const memberId = principal.kind === "member" ? principal.member.id : null;
    const retryAfterSeconds = options.quota.consume(
      options.clock.nowMs(),
      principal.application.id,
      memberId,
    );
    if (retryAfterSeconds !== null) {
      throw new AppError(
        "THROTTLED",
        "Resource level throttle limit for calls to this resource is reached.",
        {
          headers: { "Retry-After": String(retryAfterSeconds) },
        },
      );
    }
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The context of an authenticated `/rest` call (set by the protocol hook). */
export function restContext(request: FastifyRequest): RestCallContext {
  if (!request.restli) throw new Error("rest protocol hook did not run");
  return request.restli;
}

/**
 * Requires a member (3-legged) token carrying `scope`. An application token, or a member
 * token without the scope, gets LinkedIn's 403 naming resource, method and version.
 */
export function requireMember(
  request: FastifyRequest,
  scope: string,
  resourceMethod: { resource: string; method: string },
): Extract<Principal, { kind: "member" }> {
  const { principal, version } = restContext(request);
  if (principal.kind !== "member" || !principal.token.scopes.includes(scope)) {
    throw accessDenied(
      resourceMethod.resource,
      resourceMethod.method,
      version?.monthDate ?? DEFAULT_VERSION_MONTH_DATE,
    );
  }
  return principal;
}

/** Requires any token of the application carrying `scope` (member or application token). */
export function requireScope(
  request: FastifyRequest,
  scope: string,
  resourceMethod: { resource: string; method: string },
): Principal {
  const { principal, version } = restContext(request);
  if (!principal.token.scopes.includes(scope)) {
    throw accessDenied(
      resourceMethod.resource,
      resourceMethod.method,
      version?.monthDate ?? DEFAULT_VERSION_MONTH_DATE,
    );
  }
  return principal;
}
