import type { FastifyRequest } from "fastify";
import { formBodyRequired, repeatedParameter } from "../../../oauth/oauth-errors.js";

const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * The parameters of an OAuth form post (RFC 6749 §4.1.3: `application/x-www-form-urlencoded`),
 * one string per name. A parameter sent twice is an error (§3.1), as is any other body type.
 */
export function readFormParams(request: FastifyRequest): Record<string, string> {
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== FORM_TYPE) throw formBodyRequired();
  return singleValued(request.body);
}

/** A parsed query or form as one string per name; repeated names are rejected. */
export function singleValued(source: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  if (typeof source !== "object" || source === null) return params;
  for (const [name, value] of Object.entries(source)) {
    if (Array.isArray(value)) throw repeatedParameter(name);
    if (typeof value === "string") params[name] = value;
  }
  return params;
}
