import { hashSecret } from "../../secrets.js";
import { issueMemberToken } from "../issue-tokens.js";
import { invalidRefreshToken, refreshTokensNotEnabled } from "../oauth-errors.js";
import type { GrantType } from "./grant-type.js";

/**
 * `grant_type=refresh_token` (RFC 6749 §6, LinkedIn "Refresh Tokens with OAuth 2.0"): only
 * for applications enrolled in refresh tokens (compliance tokens never carry one). The
 * refresh token is rotated: the old token row is revoked, which is how its refresh token
 * stops working, and the new one keeps the original end date (LinkedIn does not extend it).
 */
export const refreshTokenGrant: GrantType = {
  requiredParams: ["refresh_token"],
  async issue({ params, application, deps }) {
    if (!application.refreshTokens) throw refreshTokensNotEnabled();
    const now = deps.clock.nowMs();
    const previous = await deps.store.tokens.findByRefreshHash(hashSecret(params.refresh_token!));
    const usable =
      previous !== null &&
      previous.applicationId === application.id &&
      previous.memberId !== null &&
      previous.revokedAt === null &&
      previous.refreshExpiresAt !== null &&
      previous.refreshExpiresAt > now;
    if (!usable) throw invalidRefreshToken();
    await deps.store.tokens.revoke(previous.tokenHash, now);
    return issueMemberToken(deps, {
      application,
      memberId: previous.memberId!,
      scopes: previous.scopes,
      authorizedAt: previous.authorizedAt,
      refreshExpiresAt: previous.refreshExpiresAt!,
    });
  },
};
