import { DAY_MS, HOUR_MS } from "../clock.js";
import type { Application } from "../domain/records.js";
import { COMPLIANCE_SCOPE } from "./scopes.js";

/** Refresh tokens live one year and are not extended by use (LinkedIn "Refresh Tokens with OAuth 2.0"). */
export const REFRESH_TOKEN_LIFETIME_MS = 365 * DAY_MS;
/** How long a member stays signed in to the sandbox's web pages (Regula's own choice). */
export const WEB_SESSION_LIFETIME_MS = 12 * HOUR_MS;

/** Refresh tokens only for applications enrolled in them, never with compliance tokens (Compliance FAQ). */
export function issuesRefreshToken(application: Application, scopes: readonly string[]): boolean {
  return application.refreshTokens && !scopes.includes(COMPLIANCE_SCOPE);
}

/** Milliseconds to whole seconds, as OAuth answers (`expires_in`, introspection times). */
export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
