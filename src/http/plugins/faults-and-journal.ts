import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Clock } from "../../clock.js";
import { AppError } from "../../errors.js";
import type { Faults, Journal } from "../../services.js";
import { redactUrlCredentials } from "../redact-url-credentials.js";
import { sendError } from "../send-error.js";

const OBSERVED = /^\/(rest|v2|oauth)(\/|$)/;

declare module "fastify" {
  interface FastifyRequest {
    injectedFault: string | null;
  }
}

/**
 * Injected faults and the request journal, for the LinkedIn-compatible surface only. Faults
 * act first, before authentication, as a gateway in front of LinkedIn's services would.
 */
export function registerFaultsAndJournal(
  app: FastifyInstance,
  deps: { faults: Pick<Faults, "decide">; journal: Pick<Journal, "record">; clock: Clock },
): void {
  app.decorateRequest("injectedFault", null);

  app.addHook("onRequest", async (request, reply) => {
    const path = pathOf(request);
    if (!OBSERVED.test(path)) return;
    const action = deps.faults.decide(request.method, path);
    if (!action) return;
    if (action.kind === "delay") {
      request.injectedFault = `delay ${action.delayMs}ms`;
      await sleep(action.delayMs);
      return;
    }
    request.injectedFault = `status ${action.status}`;
    if (action.status === 429) {
      const headers: Record<string, string> =
        action.retryAfter === undefined ? {} : { "Retry-After": String(action.retryAfter) };
      return sendError(
        reply,
        new AppError(
          "THROTTLED",
          "Resource level throttle limit for calls to this resource is reached.",
          { headers },
        ),
      );
    }
    if (action.retryAfter !== undefined) reply.header("Retry-After", String(action.retryAfter));
    return reply
      .code(action.status)
      .header("X-RestLi-Error-Response", "true")
      .type("application/json")
      .send({ status: action.status, message: `Injected fault: HTTP ${action.status}` });
  });

  app.addHook("onResponse", async (request, reply) => {
    const path = pathOf(request);
    if (!OBSERVED.test(path)) return;
    const principal = request.restli?.principal;
    deps.journal.record({
      at: deps.clock.nowMs(),
      method: request.method,
      path: redactUrlCredentials(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      application: principal?.application.id ?? clientIdOf(request),
      member: principal?.kind === "member" ? principal.member.id : null,
      fault: request.injectedFault,
    });
  });
}

function pathOf(request: FastifyRequest): string {
  return request.url.split("?", 1)[0] ?? "/";
}

/** OAuth calls name their application by client id; that id is public, the secret is not. */
function clientIdOf(request: FastifyRequest): string | null {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body.client_id === "string" ? body.client_id : null;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query && typeof query.client_id === "string" ? query.client_id : null;
  return fromBody ?? fromQuery;
}
