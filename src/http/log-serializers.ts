import type { FastifyRequest } from "fastify";

/**
 * Query parameters that carry credentials. Regula never puts them in a URL itself, but a
 * client may (`?code=…` on a callback it proxies, `?oauth2_access_token=…`, a secret sent
 * as a query on the token endpoint), and request URLs are logged.
 */
const CREDENTIAL_PARAMS = new Set([
  "code",
  "client_secret",
  "token",
  "access_token",
  "oauth2_access_token",
  "refresh_token",
  "code_verifier",
]);

/** The URL with the value of every credential-carrying query parameter replaced. */
export function redactUrlCredentials(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      return CREDENTIAL_PARAMS.has(safeDecode(rawName).toLowerCase())
        ? `${rawName}=[REDACTED]`
        : pair;
    })
    .join("&");
  return `${url.slice(0, queryStart)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

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
