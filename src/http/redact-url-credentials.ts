/**
 * Query parameters that carry credentials. Regula never puts them in a URL itself, but a
 * client may (`?code=…` on a callback it proxies, `?oauth2_access_token=…`, a secret sent
 * as a query on the token endpoint), and request URLs are logged and journaled.
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

/**
 * The URL with the value of every credential-carrying query parameter replaced by
 * `REDACTED`, for log lines and the sandbox's request journal. Every other byte is kept as
 * the client sent it (Rest.li queries are read raw, so a re-encoded query would mislead);
 * names are compared decoded and case-insensitively, so `Client%5FSecret` is caught too.
 */
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
        ? `${rawName}=REDACTED`
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
