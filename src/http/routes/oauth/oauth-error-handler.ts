import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  isOAuthError,
  type OAuthError,
  requestNotAccepted,
  serverError,
} from "../../../oauth/oauth-errors.js";
import { toAppError } from "../../plugins/error-handling.js";

/** RFC 6749 §5.1: responses carrying credentials or their errors must not be cached. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header("Cache-Control", "no-store").header("Pragma", "no-cache");
}

export function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  return noStore(reply)
    .code(error.status)
    .type("application/json; charset=utf-8")
    .send(error.toBody());
}

/**
 * The JSON endpoints under `/oauth/v2` answer every failure as an RFC 6749 §5.2 body, also
 * the framework's own (body too large, media type) and unexpected ones (500, logged).
 */
export function oauthJsonErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (isOAuthError(error)) return sendOAuthError(reply, error);
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, "oauth request failed");
  return sendOAuthError(
    reply,
    appError.status >= 500 ? serverError(appError) : requestNotAccepted(appError),
  );
}
