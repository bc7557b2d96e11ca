import { errorResponse } from "../../http/schemas/restli-schemas.js";

/** The document fields every control-plane operation shares: its tag and the admin key. */
export function sandboxDoc(summary: string, description?: string) {
  return {
    tags: ["sandbox"],
    summary,
    ...(description === undefined ? {} : { description }),
    security: [{ adminKey: [] }],
  };
}

/**
 * The error responses of a control-plane operation (LinkedIn's JSON body): 401 and 429 (the
 * failed-key limit) always, 413
 * and 415 when it reads a body, the others as given.
 */
export function sandboxErrors(
  statuses: { 400?: string; 404?: string; 409?: string; body?: boolean } = {},
) {
  return {
    401: errorResponse("Missing or wrong admin key (ADMIN_KEY_REQUIRED)"),
    429: errorResponse(
      "Too many wrong admin keys from this address (TOO_MANY_AUTH_FAILURES); Retry-After says when to try again",
    ),
    ...(statuses.body
      ? {
          413: errorResponse("The body is over the size limit"),
          415: errorResponse("The body is not JSON"),
        }
      : {}),
    ...(statuses[400] ? { 400: errorResponse(statuses[400]) } : {}),
    ...(statuses[404] ? { 404: errorResponse(statuses[404]) } : {}),
    ...(statuses[409] ? { 409: errorResponse(statuses[409]) } : {}),
  };
}
