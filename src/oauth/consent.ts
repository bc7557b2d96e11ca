import type { Application } from "../domain/records.js";
import { issueAuthorizationCode } from "./authorization-codes.js";
import type { AuthorizationRequest } from "./authorization-request.js";
import { issueMemberToken, type TokenDeps, type TokenResponse } from "./issue-tokens.js";
import { userCancelledAuthorization } from "./oauth-errors.js";
import { grantCovers, recordGrant } from "./record-grant.js";
import { redirectWithParams } from "./redirect-uri.js";

/** Whether the member already granted every requested scope, so consent is skipped (LinkedIn Authorization Code Flow). */
export async function consentAlreadyGiven(
  deps: TokenDeps,
  request: AuthorizationRequest,
  memberId: string,
): Promise<boolean> {
  const grant = await deps.store.grants.find(request.application.id, memberId);
  return grantCovers(grant?.scopes, request.scopes);
}

/**
 * The member allows: record the grant, issue a code bound to this request and return it with
 * where the browser goes next, `redirect_uri?code=…&state=…` (RFC 6749 §4.1.2).
 */
export async function approveAuthorization(
  deps: TokenDeps,
  request: AuthorizationRequest,
  memberId: string,
): Promise<{ code: string; redirectTo: string }> {
  await recordGrant(deps, {
    applicationId: request.application.id,
    memberId,
    scopes: request.scopes,
  });
  const code = await issueAuthorizationCode(deps, {
    applicationId: request.application.id,
    memberId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
  });
  return {
    code,
    redirectTo: redirectWithParams(request.redirectUri, { code, state: request.state }),
  };
}

/**
 * Consent and code exchange in one step: what a member ends up with after allowing in the
 * browser, for the control plane's shortcut (sandbox.md, `POST /sandbox/members/{id}/tokens`).
 */
export async function grantAndIssueMemberToken(
  deps: TokenDeps,
  input: { application: Application; memberId: string; scopes: readonly string[] },
): Promise<TokenResponse> {
  await recordGrant(deps, {
    applicationId: input.application.id,
    memberId: input.memberId,
    scopes: input.scopes,
  });
  return issueMemberToken(deps, { ...input, authorizedAt: deps.clock.nowMs() });
}

/** The member cancels: LinkedIn's `user_cancelled_authorize` error on the redirect URI (RFC 6749 §4.1.2.1). */
export function cancelledAuthorizationRedirect(request: AuthorizationRequest): string {
  const cancelled = userCancelledAuthorization();
  return redirectWithParams(request.redirectUri, {
    error: cancelled.error,
    error_description: cancelled.description,
    state: request.state,
  });
}
