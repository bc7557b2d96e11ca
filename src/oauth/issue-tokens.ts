import type { Clock } from "../clock.js";
import type { AccessToken, Application } from "../domain/records.js";
import {
  ACCESS_TOKEN_PREFIX,
  generateSecret,
  hashSecret,
  REFRESH_TOKEN_PREFIX,
} from "../secrets.js";
import type { Store } from "../store/store.js";
import {
  APPLICATION_TOKEN_LIFETIME_SECONDS,
  formatScopesForTokenResponse,
  tokenLifetimeSeconds,
} from "./scopes.js";
import { issuesRefreshToken, REFRESH_TOKEN_LIFETIME_MS, toSeconds } from "./token-lifetimes.js";

/** The token endpoint's success body (LinkedIn Authorization Code Flow, step 3). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

export interface TokenDeps {
  store: Store;
  clock: Clock;
}

/**
 * Mints a member (3-legged) token, the one path every member token takes: code exchange,
 * refresh and the control plane's shortcut. Only the SHA-256 hashes are stored.
 * `refreshExpiresAt` carries a refresh token's fixed end across rotations.
 */
export async function issueMemberToken(
  deps: TokenDeps,
  input: {
    application: Application;
    memberId: string;
    scopes: readonly string[];
    authorizedAt: number;
    refreshExpiresAt?: number;
    sourceCodeHash?: string;
  },
): Promise<TokenResponse> {
  const now = deps.clock.nowMs();
  const accessToken = generateSecret(ACCESS_TOKEN_PREFIX);
  const lifetimeSeconds = tokenLifetimeSeconds(input.scopes);
  const refreshToken = issuesRefreshToken(input.application, input.scopes)
    ? generateSecret(REFRESH_TOKEN_PREFIX)
    : null;
  const refreshExpiresAt = refreshToken
    ? (input.refreshExpiresAt ?? now + REFRESH_TOKEN_LIFETIME_MS)
    : null;
  await deps.store.tokens.insert({
    tokenHash: hashSecret(accessToken),
    applicationId: input.application.id,
    memberId: input.memberId,
    authType: "3L",
    scopes: [...input.scopes],
    authorizedAt: input.authorizedAt,
    createdAt: now,
    expiresAt: now + lifetimeSeconds * 1000,
    revokedAt: null,
    refreshTokenHash: refreshToken ? hashSecret(refreshToken) : null,
    refreshExpiresAt,
    sourceCodeHash: input.sourceCodeHash ?? null,
  });
  return {
    access_token: accessToken,
    expires_in: lifetimeSeconds,
    scope: formatScopesForTokenResponse(input.scopes),
    ...(refreshToken && refreshExpiresAt !== null
      ? { refresh_token: refreshToken, refresh_token_expires_in: toSeconds(refreshExpiresAt - now) }
      : {}),
  };
}

/**
 * Mints an application (2-legged) token carrying every permission of the application
 * (LinkedIn Client Credentials Flow): it acts for the application alone.
 */
export async function issueApplicationToken(
  deps: TokenDeps,
  application: Application,
): Promise<TokenResponse> {
  const now = deps.clock.nowMs();
  const accessToken = generateSecret(ACCESS_TOKEN_PREFIX);
  const token: AccessToken = {
    tokenHash: hashSecret(accessToken),
    applicationId: application.id,
    memberId: null,
    authType: "2L",
    scopes: [...application.permissions],
    authorizedAt: now,
    createdAt: now,
    expiresAt: now + APPLICATION_TOKEN_LIFETIME_SECONDS * 1000,
    revokedAt: null,
    refreshTokenHash: null,
    refreshExpiresAt: null,
  };
  await deps.store.tokens.insert(token);
  return { access_token: accessToken, expires_in: APPLICATION_TOKEN_LIFETIME_SECONDS };
}
