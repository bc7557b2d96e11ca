import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthFailureLimiter } from "../../domain/auth-failure-limiter.js";
import { AppError } from "../../errors.js";
import { isOAuthError } from "../../oauth/oauth-errors.js";
import { sendError } from "../send-error.js";

/** A client id is public but client-chosen: bound what one key may cost in memory. */
const MAX_KEY_CHARS = 200;

/** 429 with `Retry-After` in whole seconds (RFC 9110 §10.2.3), never 0. */
export function tooManyAuthFailures(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(
    "TOO_MANY_AUTH_FAILURES",
    `Too many failed authentications from this client or address; retry after ${seconds} s.`,
    { headers: { "Retry-After": String(seconds) } },
  );
}

export function addressKey(scope: string, request: FastifyRequest): string {
  return `${scope}:address:${request.ip}`;
}

/**
 * The OAuth JSON endpoints (token, introspection, revocation): a wrong secret or an unknown
 * client id (`invalid_client_id`) counts against the client id and the source address; while
 * either is over the limit every call is refused before the client is authenticated.
 */
export function registerOAuthFailureLimit(
  scope: FastifyInstance,
  limiter: AuthFailureLimiter,
): void {
  if (!limiter.enabled) return;
  // preHandler: the form body is parsed by now, so the client id is known.
  scope.addHook("preHandler", async (request, reply) => {
    const waitMs = limiter.retryAfterMs(oauthKeys(request));
    if (waitMs > 0) return refuse(reply, waitMs);
  });
  scope.addHook("onError", async (request, _reply, error) => {
    if (isOAuthError(error) && error.error === "invalid_client_id") {
      limiter.recordFailure(oauthKeys(request));
    }
  });
}

function oauthKeys(request: FastifyRequest): string[] {
  const keys = [addressKey("oauth", request)];
  const body = request.body as Record<string, unknown> | undefined;
  const clientId = body && typeof body.client_id === "string" ? body.client_id : "";
  if (clientId) keys.push(`oauth:client:${clientId.slice(0, MAX_KEY_CHARS)}`);
  return keys;
}

function refuse(reply: FastifyReply, waitMs: number): FastifyReply {
  // RFC 6749 §5.1: no cache may keep an answer of the token endpoint.
  reply.header("Cache-Control", "no-store").header("Pragma", "no-cache");
  return sendError(reply, tooManyAuthFailures(waitMs));
}
