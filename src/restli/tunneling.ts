import { AppError, invalidParam } from "../errors.js";

/** What a request looks like before routing; header names in any case. */
export interface TunnelInput {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  url: string;
  body: string | undefined;
}

/** The method and URL a tunneled request is served as. */
export interface TunneledRequest {
  method: "GET" | "DELETE";
  url: string;
}

const OVERRIDE_HEADER = "x-http-method-override";
const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * Unwraps query tunneling: a POST with `X-HTTP-Method-Override: GET|DELETE` and a form body is
 * served as that method with the body as its query; null when not tunneled
 * (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/query-tunneling).
 */
export function resolveTunnel(input: TunnelInput): TunneledRequest | null {
  if (input.method.toUpperCase() !== "POST") return null;
  const override = headerValue(input.headers, OVERRIDE_HEADER);
  if (override === undefined) return null;
  const method = override.trim().toUpperCase();
  if (method !== "GET" && method !== "DELETE") {
    throw invalidParam(
      "X-HTTP-Method-Override",
      `X-HTTP-Method-Override must be GET or DELETE; got ${JSON.stringify(override.slice(0, 20))}`,
    );
  }
  if (!isFormContentType(headerValue(input.headers, "content-type"))) {
    throw new AppError(
      "INVALID_BODY",
      `A tunneled request must carry its query as an ${FORM_TYPE} body`,
    );
  }
  return { method, url: mergeQuery(input.url, (input.body ?? "").trim()) };
}

/** The URL with the tunneled query appended after any query it already has. */
function mergeQuery(url: string, tunneledQuery: string): string {
  const query = tunneledQuery.startsWith("?") ? tunneledQuery.slice(1) : tunneledQuery;
  if (query === "") return url;
  const queryAt = url.indexOf("?");
  if (queryAt === -1) return `${url}?${query}`;
  if (queryAt === url.length - 1 || url.endsWith("&")) return `${url}${query}`;
  return `${url}&${query}`;
}

/** One header's value, looked up in any case; repeated headers count as malformed. */
function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (typeof value === "string") return value;
    if (value.length === 1) return value[0];
    throw invalidParam(name, `The ${name} header must be sent once`);
  }
  return undefined;
}

function isFormContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === FORM_TYPE;
}
