import type { Application } from "../domain/records.js";
import type { Store } from "../store/store.js";
import {
  malformedCodeChallenge,
  missingParameter,
  scopeNotGranted,
  unknownClientForAuthorization,
  unregisteredRedirectUri,
  unsupportedChallengeMethod,
  unsupportedResponseType,
} from "./oauth-errors.js";
import { isRegisteredRedirectUri } from "./redirect-uri.js";
import { parseScopes } from "./scopes.js";

/** The query of `GET /oauth/v2/authorization`, one value per name. */
export type AuthorizationParams = Readonly<Record<string, string | undefined>>;

/** A validated authorization request: safe to show a page for and to redirect to. */
export interface AuthorizationRequest {
  application: Application;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | null;
}

/** The parameters that travel with the request through sign-in and consent, in a stable order. */
export const AUTHORIZATION_PARAM_NAMES = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

/** An S256 challenge is the base64url SHA-256 of the verifier: exactly 43 characters (RFC 7636 §4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Validates an authorization request (RFC 6749 §4.1.1, LinkedIn Authorization Code Flow,
 * step 2). Client and redirect URI are checked first: until both are known good, nothing may
 * be sent to the redirect URI (§4.1.2.1), so every failure here is an error page — 401 for an
 * unknown client, an unregistered redirect URI or a scope the application was not granted.
 */
export async function validateAuthorizationRequest(
  params: AuthorizationParams,
  store: Store,
): Promise<AuthorizationRequest> {
  const clientId = required(params, "client_id");
  const application = await store.applications.findByClientId(clientId);
  if (!application) throw unknownClientForAuthorization();
  const redirectUri = required(params, "redirect_uri");
  if (!isRegisteredRedirectUri(application, redirectUri)) throw unregisteredRedirectUri();
  if (required(params, "response_type") !== "code") throw unsupportedResponseType();
  const scopes = parseScopes(required(params, "scope"));
  if (scopes.length === 0) throw missingParameter("scope");
  const notGranted = scopesNotGranted(application, scopes);
  if (notGranted.length > 0) throw scopeNotGranted(notGranted);
  return {
    application,
    redirectUri,
    scopes,
    state: params.state,
    ...validatePkceChallenge(params),
  };
}

/** The requested scopes the application was not granted (LinkedIn: "unauthorized_scope_error"). */
export function scopesNotGranted(application: Application, scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !application.permissions.includes(scope));
}

/** PKCE is optional; when sent, only S256 with a well-formed challenge (RFC 7636 §4.3, §7.2). */
function validatePkceChallenge(
  params: AuthorizationParams,
): Pick<AuthorizationRequest, "codeChallenge" | "codeChallengeMethod"> {
  const challenge = params.code_challenge;
  if (!challenge) return { codeChallenge: null, codeChallengeMethod: null };
  if (params.code_challenge_method !== "S256") throw unsupportedChallengeMethod();
  if (!S256_CHALLENGE.test(challenge)) throw malformedCodeChallenge();
  return { codeChallenge: challenge, codeChallengeMethod: "S256" };
}

function required(params: AuthorizationParams, name: string): string {
  const value = params[name];
  if (!value) throw missingParameter(name);
  return value;
}

/** The request's parameters as they should travel onward (hidden form fields, the return URL). */
export function authorizationParamsOf(params: AuthorizationParams): Array<[string, string]> {
  return AUTHORIZATION_PARAM_NAMES.flatMap((name) => {
    const value = params[name];
    return value === undefined ? [] : [[name, value] as [string, string]];
  });
}
