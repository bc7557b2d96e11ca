/**
 * OAuth endpoint errors as RFC 6749 §5.2 bodies (`{"error","error_description"}`), with the
 * statuses and error codes LinkedIn answers (spec §3). Every case the OAuth endpoints can
 * return is one entry of `oauthErrorCatalogue`, and one factory of the same name below;
 * docs/errors.md lists the same entries (test/unit/oauth/oauth-errors.test.ts checks both).
 */

/** The `error` strings Regula's OAuth endpoints answer (RFC 6749 §5.2 plus LinkedIn's own). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_redirect_uri"
  | "invalid_client_id"
  | "access_denied"
  | "unsupported_grant_type"
  | "invalid_grant"
  | "user_cancelled_authorize"
  | "server_error";

/**
 * The status an `OAuthError` built without one gets. LinkedIn does not keep one status per
 * code (an unknown authorization code is a 401 `invalid_request`), so the catalogue below,
 * not this table, is what the factories use.
 */
const DEFAULT_STATUS: Readonly<Record<OAuthErrorCode, number>> = {
  invalid_request: 400,
  invalid_redirect_uri: 400,
  invalid_client_id: 401,
  access_denied: 401,
  unsupported_grant_type: 400,
  invalid_grant: 400,
  user_cancelled_authorize: 302,
  server_error: 500,
};

/**
 * One row per case: its HTTP status and RFC 6749 `error` code. A null status is the status of
 * the src/errors.ts error the case carries to an OAuth client (413, 415, 500, 503, …).
 */
export const oauthErrorCatalogue = {
  // Token endpoint, authorization_code grant.
  authorizationCodeNotFound: { status: 401, error: "invalid_request" },
  redirectUriMismatch: { status: 400, error: "invalid_redirect_uri" },
  pkceVerifierMismatch: { status: 400, error: "invalid_redirect_uri" },
  pkceVerifierUnexpected: { status: 400, error: "invalid_redirect_uri" },
  authorizationCodeExpired: { status: 400, error: "invalid_redirect_uri" },
  authorizationCodeMismatch: { status: 400, error: "invalid_redirect_uri" },
  // Any endpoint.
  missingParameter: { status: 400, error: "invalid_request" },
  formBodyRequired: { status: 400, error: "invalid_request" },
  repeatedParameter: { status: 400, error: "invalid_request" },
  invalidClient: { status: 401, error: "invalid_client_id" },
  // Introspection: an unknown client id is a 400, a wrong secret the usual 401.
  unknownClientId: { status: 400, error: "invalid_request" },
  // Token endpoint, grant selection and the other grants.
  unsupportedGrantType: { status: 400, error: "unsupported_grant_type" },
  clientCredentialsNotEnabled: { status: 401, error: "access_denied" },
  refreshTokensNotEnabled: { status: 400, error: "invalid_request" },
  invalidRefreshToken: { status: 400, error: "invalid_grant" },
  // Authorization request: shown as an error page (401), never redirected.
  unknownClientForAuthorization: { status: 401, error: "invalid_client_id" },
  unregisteredRedirectUri: { status: 401, error: "invalid_redirect_uri" },
  scopeNotGranted: { status: 401, error: "access_denied" },
  unsupportedResponseType: { status: 400, error: "invalid_request" },
  unsupportedChallengeMethod: { status: 400, error: "invalid_request" },
  malformedCodeChallenge: { status: 400, error: "invalid_request" },
  // Authorization decision: sent on the redirect URI (302), not as a body.
  userCancelledAuthorization: { status: 302, error: "user_cancelled_authorize" },
  // The JSON endpoints' other failures: the framework's refusals and unexpected ones.
  requestNotAccepted: { status: null, error: "invalid_request" },
  serverError: { status: null, error: "server_error" },
} as const satisfies Record<string, { status: number | null; error: OAuthErrorCode }>;

export type OAuthErrorCase = keyof typeof oauthErrorCatalogue;

/** An error an OAuth endpoint answers with; `description` is always safe to show the client. */
export class OAuthError extends Error {
  readonly status: number;

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    status?: number,
  ) {
    super(description);
    this.name = "OAuthError";
    this.status = status ?? DEFAULT_STATUS[error];
  }

  /** The RFC 6749 §5.2 response body. */
  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export function isOAuthError(value: unknown): value is OAuthError {
  return value instanceof OAuthError;
}

function fromCatalogue(name: OAuthErrorCase, description: string, status?: number): OAuthError {
  const entry = oauthErrorCatalogue[name];
  return new OAuthError(entry.error, description, entry.status ?? status);
}

const TOKEN_PREFIX = "Unable to retrieve access token:";

/** Unknown, another client's or already used code: LinkedIn answers 401 `invalid_request`. */
export function authorizationCodeNotFound(): OAuthError {
  return fromCatalogue("authorizationCodeNotFound", `${TOKEN_PREFIX} authorization code not found`);
}

/** The token request's `redirect_uri` differs from the authorization request's (RFC 6749 §4.1.3). */
export function redirectUriMismatch(): OAuthError {
  return fromCatalogue(
    "redirectUriMismatch",
    `${TOKEN_PREFIX} redirect_uri does not match the redirect_uri used in the authorization request`,
  );
}

/** The `code_verifier` does not answer the code's challenge (RFC 7636 §4.6). */
export function pkceVerifierMismatch(): OAuthError {
  return fromCatalogue(
    "pkceVerifierMismatch",
    `${TOKEN_PREFIX} code verifier does not match the code challenge`,
  );
}

/**
 * A `code_verifier` for a code issued without a challenge: refused, or an attacker holding a
 * stolen code could pass off a downgraded flow as a PKCE one (RFC 9700 §4.8.2).
 */
export function pkceVerifierUnexpected(): OAuthError {
  return fromCatalogue(
    "pkceVerifierUnexpected",
    `${TOKEN_PREFIX} code verifier sent for an authorization code issued without a code challenge`,
  );
}

/** The code outlived its 30 minutes. */
export function authorizationCodeExpired(): OAuthError {
  return fromCatalogue("authorizationCodeExpired", `${TOKEN_PREFIX} authorization code expired`);
}

/**
 * LinkedIn's single message for any of redirect URI mismatch, verifier mismatch or expiry,
 * for callers that prefer not to say which check failed.
 */
export function authorizationCodeMismatch(): OAuthError {
  return fromCatalogue(
    "authorizationCodeMismatch",
    `${TOKEN_PREFIX} appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.`,
  );
}

/** A required form parameter is absent or empty, named in the description. */
export function missingParameter(name: string): OAuthError {
  return fromCatalogue("missingParameter", `A required parameter "${name}" is missing`);
}

/** A form post whose body is not `application/x-www-form-urlencoded` (RFC 6749 §4.1.3). */
export function formBodyRequired(): OAuthError {
  return fromCatalogue(
    "formBodyRequired",
    "The request body must be application/x-www-form-urlencoded",
  );
}

/** A parameter sent more than once (RFC 6749 §3.1). */
export function repeatedParameter(name: string): OAuthError {
  return fromCatalogue("repeatedParameter", `The parameter "${name}" must be sent once`);
}

/** Unknown client id or wrong secret at the token endpoint, or a wrong secret anywhere. */
export function invalidClient(): OAuthError {
  return fromCatalogue("invalidClient", "Client authentication failed");
}

/** Introspection with a client id that names no application (400, unlike a bad secret). */
export function unknownClientId(): OAuthError {
  return fromCatalogue("unknownClientId", "Invalid client id");
}

/** `grant_type` names no grant Regula serves (RFC 6749 §5.2). */
export function unsupportedGrantType(name: string): OAuthError {
  return fromCatalogue("unsupportedGrantType", `Grant type "${name}" is not supported`);
}

/** Client credentials requested by an application not enabled for 2-legged tokens. */
export function clientCredentialsNotEnabled(): OAuthError {
  return fromCatalogue(
    "clientCredentialsNotEnabled",
    "This application is not allowed to create application tokens",
  );
}

/** `grant_type=refresh_token` from an application not enrolled in refresh tokens. */
export function refreshTokensNotEnabled(): OAuthError {
  return fromCatalogue(
    "refreshTokensNotEnabled",
    "This application is not enabled for refresh tokens",
  );
}

/** Unknown, expired or revoked refresh token (RFC 6749 §5.2 `invalid_grant`). */
export function invalidRefreshToken(): OAuthError {
  return fromCatalogue("invalidRefreshToken", "The refresh token is invalid, expired or revoked");
}

/** Authorization request naming no application: an error page, never a redirect (RFC 6749 §4.1.2.1). */
export function unknownClientForAuthorization(): OAuthError {
  return fromCatalogue("unknownClientForAuthorization", "The passed in client_id is invalid");
}

/** Authorization request with a redirect URI the application did not register (RFC 6749 §4.1.2.1). */
export function unregisteredRedirectUri(): OAuthError {
  return fromCatalogue(
    "unregisteredRedirectUri",
    "The redirect_uri does not match the registered value",
  );
}

/** Authorization request for scopes the application was not granted. */
export function scopeNotGranted(scopes: readonly string[]): OAuthError {
  return fromCatalogue(
    "scopeNotGranted",
    `Scope "${scopes.join(",")}" is not authorized for your application`,
  );
}

/** Authorization request whose `response_type` is not `code` (RFC 6749 §4.1.1). */
export function unsupportedResponseType(): OAuthError {
  return fromCatalogue("unsupportedResponseType", 'response_type must be "code"');
}

/** PKCE with a method other than S256 (RFC 7636 §4.3; `plain` is refused, §7.2). */
export function unsupportedChallengeMethod(): OAuthError {
  return fromCatalogue("unsupportedChallengeMethod", 'code_challenge_method must be "S256"');
}

/** A `code_challenge` that is not 43 base64url characters (RFC 7636 §4.2). */
export function malformedCodeChallenge(): OAuthError {
  return fromCatalogue(
    "malformedCodeChallenge",
    "code_challenge must be the base64url SHA-256 of the code verifier",
  );
}

/** The member cancelled: LinkedIn's `user_cancelled_authorize`, on the redirect URI (RFC 6749 §4.1.2.1). */
export function userCancelledAuthorization(): OAuthError {
  return fromCatalogue("userCancelledAuthorization", "The user cancelled the authorization");
}

/**
 * A JSON endpoint's request the framework refused (body too large, media type, malformed
 * body): `invalid_request` with that error's status and message.
 */
export function requestNotAccepted(cause: { status: number; message: string }): OAuthError {
  return fromCatalogue("requestNotAccepted", cause.message, cause.status);
}

/** An unexpected failure or an unavailable store (RFC 6749 §4.1.2.1 `server_error`), 5xx. */
export function serverError(cause: { status: number; message: string }): OAuthError {
  return fromCatalogue("serverError", cause.message, cause.status);
}
