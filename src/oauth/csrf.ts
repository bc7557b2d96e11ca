import { createHmac } from "node:crypto";
import { secretsEqual } from "../secrets.js";

/**
 * The CSRF token for one form of one sign-in session: HMAC-SHA256 of `purpose` (such as
 * `"consent"` or `"remove-app"`) keyed with the session's CSRF secret, base64url (OWASP CSRF
 * Prevention Cheat Sheet, synchronizer token pattern, with the token derived rather than
 * stored). The same session and purpose always give the same token; another session's token,
 * or this session's token for another form, does not verify.
 */
export function createCsrfToken(sessionSecret: string, purpose: string): string {
  // An empty key would make every session's tokens equal: a wiring bug, not a request error.
  if (sessionSecret.length === 0)
    throw new Error("createCsrfToken needs a non-empty session secret");
  return createHmac("sha256", sessionSecret).update(purpose, "utf8").digest("base64url");
}

/** Whether `token` is this session's token for `purpose`, compared in constant time. */
export function verifyCsrfToken(
  sessionSecret: string,
  purpose: string,
  token: string | null | undefined,
): boolean {
  if (sessionSecret.length === 0 || !token) return false;
  return secretsEqual(createCsrfToken(sessionSecret, purpose), token);
}
