import type { FastifyInstance } from "fastify";
import type { Metrics } from "./metrics-registry.js";

/**
 * `/metrics` in Prometheus text format, and the per-request counter and latency histogram.
 * Routes are labelled by their pattern (`/sandbox/members/:id`), never the raw URL, so the
 * label set stays bounded; a request no route matched is labelled "unmatched".
 */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const labels = {
      route: request.routeOptions.url ?? "unmatched",
      method: request.method,
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  const schema = {
    tags: ["server"],
    summary: "Prometheus metrics",
    description:
      "Requests by route pattern, method and status with latency histograms; events captured and served; purge runs and rows; store call latency. Prometheus text format; no authentication (bind to loopback, as by default).",
    security: [],
    response: {
      200: {
        description: "Prometheus text exposition format",
        content: { "text/plain": { schema: { type: "string" } } },
      },
    },
  };
  app.get("/metrics", { schema }, async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
