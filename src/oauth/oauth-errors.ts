/**
 * OAuth endpoint errors as RFC 6749 §5.2 bodies (`{"error","error_description"}`), with the
 * statuses and error codes LinkedIn answers (spec §3). One catalogue; factories below.
 */
export const oauthErrorCatalogue = {
  invalid_request: 400,
  invalid_redirect_uri: 400,
  invalid_client_id: 401,
  access_denied: 401,
  unsupported_grant_type: 400,
  invalid_grant: 400,
  unauthorized_code: 401,
} as const;

export type OAuthErrorCode = keyof typeof oauthErrorCatalogue;

export class OAuthError extends Error {
  readonly status: number;

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    status?: number,
  ) {
    super(description);
    this.name = "OAuthError";
    this.status = status ?? oauthErrorCatalogue[error];
  }

  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export function isOAuthError(value: unknown): value is OAuthError {
  return value instanceof OAuthError;
}

/** Unknown or already used code: LinkedIn answers 401 invalid_request. */
export function authorizationCodeNotFound(): OAuthError {
  return new OAuthError("invalid_request", "Unable to retrieve access token: authorization code not found", 401);
}

/** Redirect URI differs from the one the code was issued for. */
export function authorizationCodeMismatch(): OAuthError {
  return new OAuthError(
    "invalid_redirect_uri",
    "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists",
  );
}

export function authorizationCodeExpired(): OAuthError {
  return new OAuthError("invalid_redirect_uri", "Unable to retrieve access token: authorization code expired");
}

export function pkceVerifierMismatch(): OAuthError {
  return new OAuthError("invalid_redirect_uri", "Unable to retrieve access token: code verifier does not match the code challenge");
}

export function missingParameter(name: string): OAuthError {
  return new OAuthError("invalid_request", `A required parameter "${name}" is missing`);
}

export function invalidClient(): OAuthError {
  return new OAuthError("invalid_client_id", "Client authentication failed");
}

/** Introspection with a client id that names no application (400, unlike a bad secret). */
export function unknownClientId(): OAuthError {
  return new OAuthError("invalid_request", "Invalid client id", 400);
}

export function clientCredentialsNotEnabled(): OAuthError {
  return new OAuthError("access_denied", "This application is not allowed to create application tokens");
}

export function refreshTokensNotEnabled(): OAuthError {
  return new OAuthError("invalid_request", "This application is not enabled for refresh tokens", 400);
}

export function invalidRefreshToken(): OAuthError {
  return new OAuthError("invalid_grant", "The refresh token is invalid, expired or revoked");
}

export function unsupportedGrantType(name: string): OAuthError {
  return new OAuthError("unsupported_grant_type", `Grant type "${name}" is not supported`);
}
