import type { AuthorizationCode } from "../domain/records.js";
import { AUTHORIZATION_CODE_PREFIX, generateSecret, hashSecret } from "../secrets.js";
import type { TokenDeps } from "./issue-tokens.js";
import { AUTHORIZATION_CODE_LIFETIME_MS } from "./scopes.js";

export interface NewAuthorizationCode {
  applicationId: string;
  memberId: string;
  redirectUri: string;
  scopes: readonly string[];
  codeChallenge?: string | null;
  codeChallengeMethod?: string | null;
}

/**
 * Issues a single-use authorization code bound to application, member, redirect URI, scopes
 * and PKCE challenge; it lives 30 minutes and only its hash is stored (RFC 6749 §4.1.2,
 * RFC 7636 §4.4).
 */
export async function issueAuthorizationCode(
  deps: TokenDeps,
  input: NewAuthorizationCode,
): Promise<string> {
  const code = generateSecret(AUTHORIZATION_CODE_PREFIX);
  const now = deps.clock.nowMs();
  const record: AuthorizationCode = {
    codeHash: hashSecret(code),
    applicationId: input.applicationId,
    memberId: input.memberId,
    redirectUri: input.redirectUri,
    scopes: [...input.scopes],
    codeChallenge: input.codeChallenge ?? null,
    codeChallengeMethod: input.codeChallenge ? (input.codeChallengeMethod ?? "S256") : null,
    createdAt: now,
    expiresAt: now + AUTHORIZATION_CODE_LIFETIME_MS,
    usedAt: null,
  };
  await deps.store.codes.insert(record);
  return code;
}
