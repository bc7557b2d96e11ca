import type { FastifyReply } from "fastify";
import type { AppError } from "../errors.js";
import { RESTLI_ERROR_HEADER, restliErrorBody } from "../restli/error-body.js";

/** Sends an AppError as LinkedIn's JSON error body; never HTML, never a stack trace. */
export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .header(RESTLI_ERROR_HEADER, "true")
    .type("application/json; charset=utf-8")
    .send(restliErrorBody(error));
}
