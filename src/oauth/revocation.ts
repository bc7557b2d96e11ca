import { hashSecret } from "../secrets.js";
import { authenticateClient } from "./client-authentication.js";
import type { TokenDeps } from "./issue-tokens.js";
import { requireParameters, type TokenParams } from "./token-endpoint.js";

/**
 * `POST /oauth/v2/revoke` (RFC 7009 §2): the client revokes one of its own tokens. Unknown
 * tokens and other applications' tokens are ignored with the same success, so the answer
 * reveals nothing (§2.2). Revoking a token never ends a compliance authorization.
 */
export async function revokeToken(params: TokenParams, deps: TokenDeps): Promise<void> {
  requireParameters(params, ["client_id", "client_secret", "token"]);
  const application = await authenticateClient(
    deps.store,
    params.client_id!,
    params.client_secret!,
  );
  const presentedHash = hashSecret(params.token!);
  // The token may be an access token or a refresh token (§2.1); either revokes the grant row.
  const token =
    (await deps.store.tokens.findByHash(presentedHash)) ??
    (await deps.store.tokens.findByRefreshHash(presentedHash));
  if (token && token.applicationId === application.id)
    await deps.store.tokens.revoke(token.tokenHash, deps.clock.nowMs());
}
