import type { FastifyRequest } from "fastify";
import { redactUrlCredentials } from "./redact-url-credentials.js";

/** Fastify's request log line, with credentials removed from the URL. */
export function serializeRequestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrlCredentials(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Adds the credential-safe request serializer to pino options (keeps `false`/`true` as they are). */
export function withCredentialSafeLogging<T extends boolean | Record<string, unknown>>(
  logger: T,
): T {
  if (typeof logger !== "object") return logger;
  const serializers = (logger.serializers ?? {}) as Record<string, unknown>;
  return { ...logger, serializers: { ...serializers, req: serializeRequestForLog } };
}
