/**
 * The records the domain works with, independent of how they are stored. Times are epoch
 * milliseconds on the virtual clock. Secrets appear only as hashes.
 */

export interface Application {
  /** Numeric id as a decimal string (`urn:li:developerApplication:{id}`). */
  id: string;
  name: string;
  clientId: string;
  clientSecretHash: string;
  redirectUris: string[];
  /** Scopes the application was granted, e.g. `r_compliance_sales_nav`. */
  permissions: string[];
  /** Whether 3-legged tokens come with refresh tokens (never for compliance tokens). */
  refreshTokens: boolean;
  /** Whether the application may obtain 2-legged tokens (client credentials). */
  clientCredentials: boolean;
  createdAt: number;
}

export interface Member {
  /** LinkedIn person id, e.g. `2qXA98-mVk` (`urn:li:person:{id}`). */
  id: string;
  firstName: string;
  lastName: string;
  /** Numeric Sales Navigator identity (`urn:li:salesIdentity:{n}`); null without a seat. */
  salesIdentityId: string | null;
  createdAt: number;
}

export type AuthType = "3L" | "2L";

export interface AccessToken {
  tokenHash: string;
  applicationId: string;
  /** The member a 3-legged token acts for; null for an application (2-legged) token. */
  memberId: string | null;
  authType: AuthType;
  scopes: string[];
  authorizedAt: number;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  refreshTokenHash: string | null;
  refreshExpiresAt: number | null;
  /** Hash of the authorization code this token was issued for, if any. */
  sourceCodeHash?: string | null;
}

export interface AuthorizationCode {
  codeHash: string;
  applicationId: string;
  memberId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** What a member consented to for an application (drives consent skipping and the privacy page). */
export interface MemberGrant {
  applicationId: string;
  memberId: string;
  scopes: string[];
  grantedAt: number;
}

export interface WebSession {
  sessionHash: string;
  memberId: string;
  csrfSecret: string;
  createdAt: number;
  expiresAt: number;
}

export type OptInCause = "API_OPT_IN" | "ADMIN";
export type OptOutCause = "API_OPT_OUT" | "MEMBER_REMOVED_APP" | "ADMIN" | "APPLICATION_DELETED";

/** One interval during which a member was regulated (SALES_NAV) for an application. */
export interface ComplianceAuthorization {
  applicationId: string;
  memberId: string;
  regulatedAt: number;
  optInCause: OptInCause;
  /** Null while the interval is open (the member is regulated now). */
  optedOutAt: number | null;
  optOutCause: OptOutCause | null;
}
