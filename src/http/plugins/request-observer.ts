import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Clock } from "../../clock.js";
import { type ServedTracker, tokenTag } from "../../sandbox/served-tracker.js";

const OBSERVED = /^\/(rest|v2|oauth)(\/|$)/;

/**
 * Feeds the served tracker one record per answered `/rest`, `/v2` and `/oauth` call: the
 * protocol facts a certification judges (Retry-After given, LinkedIn-Version sent, which
 * token polled). Tokens are kept only as a short digest, never in clear.
 */
export function registerRequestObserver(
  app: FastifyInstance,
  deps: { served: ServedTracker; clock: Clock },
): void {
  app.addHook("onResponse", async (request, reply) => {
    const path = request.url.split("?", 1)[0] ?? "/";
    if (!OBSERVED.test(path)) return;
    const principal = request.restli?.principal;
    const answeredAtMs = Date.now();
    const retryAfter = reply.getHeader("retry-after");
    deps.served.recordRequest({
      arrivedAtMs: Math.round(answeredAtMs - reply.elapsedTime),
      answeredAtMs,
      virtualMs: deps.clock.nowMs(),
      method: request.method,
      path,
      status: reply.statusCode,
      retryAfter: retryAfter === undefined ? null : String(retryAfter),
      linkedInVersion: typeof request.headers["linkedin-version"] === "string",
      tokenTag: tokenTagOf(request),
      application: principal?.application.id ?? null,
      member: principal?.kind === "member" ? principal.member.id : null,
    });
  });
}

function tokenTagOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ? tokenTag(match[1]) : null;
}
