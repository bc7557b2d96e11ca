import type { AccessToken } from "../domain/records.js";
import { hashSecret } from "../secrets.js";
import { authenticateClient } from "./client-authentication.js";
import type { TokenDeps } from "./issue-tokens.js";
import { unknownClientId } from "./oauth-errors.js";
import { formatScopesForIntrospection } from "./scopes.js";
import { requireParameters, type TokenParams } from "./token-endpoint.js";
import { toSeconds } from "./token-lifetimes.js";

export type TokenStatus = "active" | "expired" | "revoked";

/** LinkedIn's introspection answer: times in epoch seconds, scopes comma-separated. */
export type IntrospectionResponse =
  | { active: false }
  | {
      active: boolean;
      client_id: string;
      authorized_at: number;
      created_at: number;
      status: TokenStatus;
      expires_at: number;
      scope: string;
      auth_type: "3L" | "2L";
    };

/**
 * `POST /oauth/v2/introspectToken` (RFC 7662, LinkedIn Token Introspection): an unknown
 * token and another application's token both read `{"active":false}`, so a client learns
 * nothing about tokens it does not own. Unknown client id → 400; wrong secret → 401.
 */
export async function introspectToken(
  params: TokenParams,
  deps: TokenDeps,
): Promise<IntrospectionResponse> {
  requireParameters(params, ["client_id", "client_secret", "token"]);
  if (!(await deps.store.applications.findByClientId(params.client_id!))) throw unknownClientId();
  const application = await authenticateClient(
    deps.store,
    params.client_id!,
    params.client_secret!,
  );
  const token = await deps.store.tokens.findByHash(hashSecret(params.token!));
  if (!token || token.applicationId !== application.id) return { active: false };
  const status = tokenStatus(token, deps.clock.nowMs());
  return {
    active: status === "active",
    client_id: application.clientId,
    authorized_at: toSeconds(token.authorizedAt),
    created_at: toSeconds(token.createdAt),
    status,
    expires_at: toSeconds(token.expiresAt),
    scope: formatScopesForIntrospection(token.scopes),
    auth_type: token.authType,
  };
}

/** LinkedIn Token Introspection `status`; revoked wins over expired, whatever the clock says. */
export function tokenStatus(token: AccessToken, nowMs: number): TokenStatus {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt <= nowMs) return "expired";
  return "active";
}
