import type { FastifyReply, FastifyRequest } from "fastify";
import { displayName } from "../domain/members.js";
import { createCsrfToken } from "../oauth/csrf.js";
import { generateSecret } from "../secrets.js";
import type { Store } from "../store/store.js";
import { renderSignInPage } from "./pages/sign-in-page.js";
import { SIGN_IN_PATH } from "./routes/oauth/paths.js";
import { sendPage } from "./send-page.js";
import { readCookie, SIGN_IN_COOKIE, setCookie } from "./web-session-cookies.js";

/** The hidden field that tells the sign-in form where to go back to (LinkedIn's name for it). */
export const RETURN_FIELD_NAME = "session_redirect";
export const SIGN_IN_CSRF_PURPOSE = "sign-in";
const SIGN_IN_NONCE_MAX_AGE_SECONDS = 3600;

/**
 * Shows the sign-in page, which returns to `returnTo` (a local path) once a member is picked.
 * No session exists yet, so the form's CSRF token is keyed by a random nonce in a SameSite
 * cookie: a cross-site form cannot carry the cookie, so it cannot sign a visitor in as
 * someone else (login CSRF).
 */
export async function sendSignInPage(
  request: FastifyRequest,
  reply: FastifyReply,
  store: Store,
  returnTo: string,
): Promise<FastifyReply> {
  let nonce = readCookie(request, SIGN_IN_COOKIE);
  if (!nonce) {
    nonce = generateSecret();
    setCookie(request, reply, SIGN_IN_COOKIE, nonce, SIGN_IN_NONCE_MAX_AGE_SECONDS);
  }
  const members = (await store.members.list()).map((member) => ({
    id: member.id,
    name: displayName(member),
    ...(member.salesIdentityId ? { headline: "Sales Navigator seat" } : {}),
  }));
  const html = renderSignInPage({
    members,
    hiddenFields: { [RETURN_FIELD_NAME]: returnTo },
    csrfToken: createCsrfToken(nonce, SIGN_IN_CSRF_PURPOSE),
    action: SIGN_IN_PATH,
  });
  return sendPage(reply, 200, html);
}

/** Only paths on this server: never `//host` or `/\host`, which browsers treat as other origins. */
export function isLocalPath(path: string): boolean {
  if (!/^\/(?![/\\])\S*$/.test(path)) return false;
  // \S already excludes tabs and line ends; other control characters are refused too.
  return [...path].every((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f);
}
