import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { isOAuthError, type OAuthErrorCode } from "../oauth/oauth-errors.js";
import { renderErrorPage } from "./pages/error-page.js";
import { PAGE_CONTENT_SECURITY_POLICY } from "./pages/layout.js";
import { toAppError } from "./plugins/error-handling.js";

/** Sends one of the member-facing HTML pages, never cached, never framed. */
export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .header("Content-Security-Policy", PAGE_CONTENT_SECURITY_POLICY)
    .header("Cache-Control", "no-store")
    .header("X-Frame-Options", "DENY")
    .header("X-Content-Type-Options", "nosniff")
    .header("Referrer-Policy", "no-referrer")
    .send(html);
}

const ERROR_TITLES: Partial<Record<OAuthErrorCode, string>> = {
  invalid_client_id: "Unknown application",
  invalid_redirect_uri: "Redirect URI not registered",
  access_denied: "Permission not granted to this application",
  invalid_request: "Invalid request",
};

/** A page the member sees instead of a redirect or a JSON body. */
export function sendErrorPage(
  reply: FastifyReply,
  status: number,
  title: string,
  message: string,
): FastifyReply {
  return sendPage(reply, status, renderErrorPage({ title, message }));
}

/**
 * The pages' error handler: OAuth request errors become an error page with their status
 * (RFC 6749 §4.1.2.1: never a redirect to an unverified URI); anything else a page with
 * its status, and unexpected errors a logged 500 page without details.
 */
export function htmlErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (isOAuthError(error)) {
    return sendErrorPage(
      reply,
      error.status,
      ERROR_TITLES[error.error] ?? "Request refused",
      error.description,
    );
  }
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, "page request failed");
  return sendErrorPage(
    reply,
    appError.status,
    appError.status >= 500 ? "Something went wrong" : "Invalid request",
    appError.message,
  );
}
