import { Type } from "@sinclair/typebox";
import { alwaysSent } from "./restli-schemas.js";

/**
 * The member-facing HTML pages as the document shows them: an HTML body, or a redirect.
 * TypeBox only, no Node imports.
 */

/** A `text/html` response (the pages send CSP, no-store and no-framing headers). */
export function htmlPage(description: string) {
  return {
    description,
    content: { "text/html": { schema: Type.String({ description: "An HTML page" }) } },
  };
}

/** A redirect with no body. */
export function redirect(description: string) {
  return Type.Null({
    description,
    headers: { Location: alwaysSent(Type.String({ description: "Where the browser goes next" })) },
  });
}

/** The session cookie pages read; without it they answer the sign-in form. */
export const pageSecurity: Array<Record<string, string[]>> = [{ webSession: [] }, {}];

/** The authorization request's parameters (spec §3; clients.md). */
export const AuthorizationQuery = Type.Object({
  response_type: Type.Literal("code"),
  client_id: Type.String(),
  redirect_uri: Type.String({ description: "Registered for the application (exact match)" }),
  scope: Type.String({
    description: "Scopes separated by commas (the JS client) or spaces (`%20`, the Python client)",
  }),
  state: Type.Optional(Type.String({ description: "Returned unchanged with the code" })),
  code_challenge: Type.Optional(Type.String({ description: "PKCE S256 challenge" })),
  code_challenge_method: Type.Optional(Type.Literal("S256")),
});

/** The failures a page answers as an HTML error page with the status. */
export function pageErrors(statuses: Record<number, string>) {
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [status, htmlPage(description)]),
  );
}
