import type { FastifyInstance } from "fastify";

/**
 * One log line per request, written when it is answered (Fastify's own logging, turned off
 * in app.ts, writes one on arrival and one on completion). The request is written by the
 * credential-safe serializer (log-serializers.ts); headers are not logged at all.
 */
export function registerRequestLogging(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        req: request,
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      },
      "request completed",
    );
  });
}
