import { type Static, type TProperties, type TSchema, Type } from "@sinclair/typebox";
import { alwaysSent, FaultResponse } from "./restli-schemas.js";

/**
 * The OAuth 2.0 endpoints' wire format (spec §3; clients.md), for the document. The OAuth
 * code parses the forms itself (one value per name, RFC 6749 §3.1), so these schemas are
 * not Fastify's validators. TypeBox only, no Node imports.
 */

export const FORM = "application/x-www-form-urlencoded";

/** RFC 6749 §5.2 error body. */
export const OAuthErrorBody = Type.Object(
  {
    error: Type.String({ description: "`invalid_request`, `invalid_client_id`, …" }),
    error_description: Type.String(),
  },
  { additionalProperties: false },
);

const noStoreHeaders = {
  "Cache-Control": alwaysSent(Type.Literal("no-store")),
  Pragma: alwaysSent(Type.Literal("no-cache")),
};

function oauthError(description: string) {
  return Type.Object(OAuthErrorBody.properties, {
    additionalProperties: false,
    description,
    headers: noStoreHeaders,
  });
}

/** A response of the token endpoints, which are never cached (RFC 6749 §5.1). */
export function noStoreResponse<T extends TSchema>(schema: T): T {
  return { ...schema, headers: noStoreHeaders };
}

/** The client's credentials, sent in the form body (no HTTP authentication). */
export const clientCredentialFields = {
  client_id: Type.String({ description: "The application's client id" }),
  client_secret: Type.String({ description: "The application's client secret" }),
};

/** A form body; the credentials ride in it, which OpenAPI has no security scheme for. */
export function formBody(properties: TProperties, description: string) {
  return Type.Object(properties, { description });
}

export const TokenRequest = formBody(
  {
    grant_type: Type.Union(
      [
        Type.Literal("authorization_code"),
        Type.Literal("client_credentials"),
        Type.Literal("refresh_token"),
      ],
      { description: "Which grant" },
    ),
    code: Type.Optional(Type.String({ description: "authorization_code: the code" })),
    redirect_uri: Type.Optional(
      Type.String({ description: "authorization_code: the redirect URI the code was sent to" }),
    ),
    code_verifier: Type.Optional(
      Type.String({ description: "authorization_code with PKCE: the S256 verifier" }),
    ),
    refresh_token: Type.Optional(Type.String({ description: "refresh_token: the token" })),
    ...clientCredentialFields,
  },
  "Form-encoded, each parameter once",
);

export const TokenResponse = Type.Object(
  {
    access_token: Type.String(),
    expires_in: Type.Integer({
      description: "Seconds: 31536000 for compliance tokens, 1800 for client credentials",
    }),
    scope: Type.Optional(Type.String({ description: "Granted scopes, comma-separated" })),
    refresh_token: Type.Optional(Type.String()),
    refresh_token_expires_in: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false, description: "The token" },
);
export type TokenResponse = Static<typeof TokenResponse>;

export const IntrospectionRequest = formBody(
  { ...clientCredentialFields, token: Type.String({ description: "The access token" }) },
  "Form-encoded, each parameter once",
);

export const IntrospectionResponse = Type.Union(
  [
    Type.Object({ active: Type.Literal(false) }, { additionalProperties: false }),
    Type.Object(
      {
        active: Type.Boolean(),
        client_id: Type.String(),
        authorized_at: Type.Integer({ description: "Epoch seconds" }),
        created_at: Type.Integer({ description: "Epoch seconds" }),
        status: Type.Union([
          Type.Literal("active"),
          Type.Literal("expired"),
          Type.Literal("revoked"),
        ]),
        expires_at: Type.Integer({ description: "Epoch seconds" }),
        scope: Type.String({ description: "Comma-separated" }),
        auth_type: Type.Union([Type.Literal("3L"), Type.Literal("2L")]),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description:
      "The token's state; `{active: false}` alone for an unknown token or another application's",
  },
);

export const RevocationRequest = IntrospectionRequest;

/** The failures every JSON endpoint under /oauth/v2 shares. */
export function oauthErrorResponses(unauthorized: string): Record<string, TSchema> {
  return {
    400: oauthError("A missing, repeated or invalid parameter, or a body that is not a form"),
    401: oauthError(unauthorized),
    413: oauthError("The body is over the size limit"),
    415: oauthError("The body is not a form"),
    default: FaultResponse,
  };
}

export const RevocationResponse = Type.Null({
  description: "Revoked, or the token was unknown (RFC 7009 §2.2): no body",
  headers: noStoreHeaders,
});
