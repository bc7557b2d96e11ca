import { Type } from "@sinclair/typebox";
import {
  alwaysSent,
  restErrorResponse,
  restErrorResponses,
  restRequestHeaders,
  restResponseHeaders,
} from "../schemas/restli-schemas.js";

const tags = ["compliance"];

const CompoundKey = Type.String({
  description: [
    "The Rest.li compound key of (developerApplication, member), as LinkedIn's clients send it, parsed from the raw path:",
    "Rest.li 2.0 `(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)`",
    "(parentheses, commas and the names' colons literal, colons inside values `%3A`; also fully percent-encoded, or with raw colons),",
    "or Rest.li 1.0 `developerApplication=urn:li:developerApplication:123&member=urn:li:person:ABC` (raw or percent-encoded).",
    "Either key order.",
  ].join(" "),
});

/** `POST /rest/memberComplianceAuthorizations` (opt in), as the document shows it. */
export function optInSchema(versioned: boolean) {
  return {
    tags,
    summary: "Opt the token's member in (Compliance Management API)",
    description:
      "With a member token carrying r_compliance_sales_nav and the body `{}`, the member becomes regulated for the token's application from now. Idempotent: opting in again answers 201 with the same regulatedAt. An application token gets 403 (spec §4).",
    security: [{ memberToken: [] }],
    headers: restRequestHeaders(versioned),
    // Only the JSON entity: a form body (even an empty one, which parses to {}) is a 400.
    consumes: ["application/json"],
    body: Type.Object({}, { additionalProperties: false, description: "Exactly `{}`" }),
    response: {
      201: Type.Null({
        description: "Opted in; no body",
        headers: {
          ...restResponseHeaders,
          "x-restli-id": alwaysSent(
            Type.String({
              description:
                "The created key, reduced encoding: `(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)`",
            }),
          ),
          Location: alwaysSent(
            Type.String({ description: "The authorization's URL (key URL-encoded)" }),
          ),
        },
      }),
      ...restErrorResponses(versioned),
    },
  };
}

/** `DELETE /rest/memberComplianceAuthorizations/{key}` (opt out), as the document shows it. */
export function optOutSchema(versioned: boolean) {
  return {
    tags,
    summary: "Opt a member out (Compliance Management API)",
    description:
      "With that member's token for that application, or an application (client credentials) token of the same application: from the 204 on, nothing more of the member is captured for the application (spec §4).",
    security: [{ memberToken: [] }],
    headers: restRequestHeaders(versioned),
    params: Type.Object({ key: CompoundKey }),
    response: {
      204: Type.Null({ description: "Opted out", headers: restResponseHeaders }),
      ...restErrorResponses(versioned),
      400: restErrorResponse("The key is malformed or names unknown parts"),
      403: restErrorResponse(
        "The key names another application or member, or the token lacks the scope",
      ),
      404: restErrorResponse("The member is not opted in for this application"),
    },
  };
}
