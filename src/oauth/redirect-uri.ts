import type { Application } from "../domain/records.js";

/**
 * Whether `redirectUri` is one the application registered: exact match of everything but
 * the query, which LinkedIn ignores when matching (Authorization Code Flow, step 2). A URI
 * with a fragment never matches (RFC 6749 §3.1.2).
 */
export function isRegisteredRedirectUri(application: Application, redirectUri: string): boolean {
  if (redirectUri.includes("#")) return false;
  const requested = withoutQuery(redirectUri);
  return application.redirectUris.some((registered) => withoutQuery(registered) === requested);
}

function withoutQuery(uri: string): string {
  const queryAt = uri.indexOf("?");
  return queryAt < 0 ? uri : uri.slice(0, queryAt);
}

/**
 * The redirect URI with response parameters added to its query, keeping any query it
 * already has (RFC 6749 §3.1.2: "MUST retain the query component"). Undefined values are left out.
 */
export function redirectWithParams(
  redirectUri: string,
  params: Record<string, string | undefined>,
): string {
  const added = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
  if (added === "") return redirectUri;
  const separator = !redirectUri.includes("?")
    ? "?"
    : redirectUri.endsWith("?") || redirectUri.endsWith("&")
      ? ""
      : "&";
  return `${redirectUri}${separator}${added}`;
}
