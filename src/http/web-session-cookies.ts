import type { FastifyReply, FastifyRequest } from "fastify";

/** The member's web session id; the store keeps only its hash. */
export const SESSION_COOKIE = "regula_session";
/** A random nonce that keys the sign-in form's CSRF token before any session exists. */
export const SIGN_IN_COOKIE = "regula_signin";

/** One of our cookies from the `Cookie` header, or null. Values we set are URL-safe base64. */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{16,200}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * HttpOnly keeps the cookie from scripts; SameSite=Lax keeps it off cross-site POSTs (the
 * forms carry a CSRF token as well); Secure only over HTTPS, so the sandbox still works on
 * plain http://127.0.0.1. Path=/ because the privacy page lives outside /oauth.
 */
export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  const secure = request.protocol === "https" ? "; Secure" : "";
  reply.header(
    "Set-Cookie",
    `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`,
  );
}

export function clearCookie(reply: FastifyReply, name: string): void {
  reply.header("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
}
