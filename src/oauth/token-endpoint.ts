import { authenticateClient } from "./client-authentication.js";
import { authorizationCodeGrant } from "./grants/authorization-code.js";
import { clientCredentialsGrant } from "./grants/client-credentials.js";
import type { GrantType, TokenParams } from "./grants/grant-type.js";
import { refreshTokenGrant } from "./grants/refresh-token.js";
import type { TokenDeps, TokenResponse } from "./issue-tokens.js";
import { missingParameter, unsupportedGrantType } from "./oauth-errors.js";

export type { TokenParams } from "./grants/grant-type.js";

const grantTypes: Readonly<Record<string, GrantType>> = {
  authorization_code: authorizationCodeGrant,
  client_credentials: clientCredentialsGrant,
  refresh_token: refreshTokenGrant,
};

const CLIENT_PARAMS = ["client_id", "client_secret"] as const;

/**
 * `POST /oauth/v2/accessToken` (RFC 6749 §3.2, LinkedIn Authorization Code and Client
 * Credentials Flows) as a pipeline of named steps, each of which may end the request with
 * its RFC 6749 §5.2 error: pick the grant type, require its parameters, authenticate the
 * client, then let the grant issue the token.
 */
export async function handleTokenRequest(
  params: TokenParams,
  deps: TokenDeps,
): Promise<TokenResponse> {
  const grant = selectGrantType(params);
  requireParameters(params, [...grant.requiredParams, ...CLIENT_PARAMS]);
  const application = await authenticateClient(
    deps.store,
    params.client_id!,
    params.client_secret!,
  );
  return grant.issue({ params, application, deps });
}

/** Step 1: `grant_type` is present and one Regula serves. */
function selectGrantType(params: TokenParams): GrantType {
  const name = params.grant_type;
  if (!name) throw missingParameter("grant_type");
  const grant = Object.hasOwn(grantTypes, name) ? grantTypes[name] : undefined;
  if (!grant) throw unsupportedGrantType(name);
  return grant;
}

/** Step 2 (RFC 6749 §5.2 invalid_request): every needed parameter is present and non-empty, named when not. */
export function requireParameters(params: TokenParams, names: readonly string[]): void {
  for (const name of names) if (!params[name]) throw missingParameter(name);
}
