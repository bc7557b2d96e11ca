import type { AuthorizationCode } from "../../domain/records.js";
import { hashSecret } from "../../secrets.js";
import { issueMemberToken } from "../issue-tokens.js";
import {
  authorizationCodeExpired,
  authorizationCodeMismatch,
  authorizationCodeNotFound,
  pkceVerifierMismatch,
  pkceVerifierUnexpected,
} from "../oauth-errors.js";
import { verifyPkce } from "../pkce.js";
import { recordGrant } from "../record-grant.js";
import type { GrantType } from "./grant-type.js";

/**
 * `grant_type=authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.6): the code is consumed
 * first, so a second use fails even when the first is still in flight; it must belong to the
 * authenticated client, be unexpired, name the same redirect URI and match the PKCE verifier.
 */
export const authorizationCodeGrant: GrantType = {
  requiredParams: ["code", "redirect_uri"],
  async issue({ params, application, deps }) {
    const now = deps.clock.nowMs();
    const codeHash = hashSecret(params.code!);
    const code = await deps.store.codes.consume(codeHash, now);
    if (!code) {
      // A replayed code may have leaked: what it was exchanged for is revoked (RFC 6749 §4.1.2).
      await deps.store.tokens.revokeIssuedFromCode(codeHash, now);
      throw authorizationCodeNotFound();
    }
    // Another client's code reads as unknown: its existence is not the caller's business.
    if (code.applicationId !== application.id) throw authorizationCodeNotFound();
    if (code.expiresAt <= now) throw authorizationCodeExpired();
    if (code.redirectUri !== params.redirect_uri) throw authorizationCodeMismatch();
    checkPkce(code, params.code_verifier);
    await recordGrant(deps, {
      applicationId: application.id,
      memberId: code.memberId,
      scopes: code.scopes,
    });
    return issueMemberToken(deps, {
      application,
      memberId: code.memberId,
      scopes: code.scopes,
      authorizedAt: code.createdAt,
      sourceCodeHash: codeHash,
    });
  },
};

/**
 * A code issued with a challenge needs the matching verifier; a code issued without one must
 * come without a verifier (RFC 9700 §4.8.2: no PKCE downgrade).
 */
function checkPkce(code: AuthorizationCode, verifier: string | undefined): void {
  if (code.codeChallenge === null) {
    if (verifier !== undefined) throw pkceVerifierUnexpected();
    return;
  }
  const method = code.codeChallengeMethod ?? "S256";
  if (verifier === undefined || !verifyPkce(verifier, code.codeChallenge, method)) {
    throw pkceVerifierMismatch();
  }
}
