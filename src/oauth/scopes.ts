import { COMPLIANCE_PERMISSION } from "../domain/applications.js";

/** The OAuth scope is the application permission of the same name: one definition, in the domain. */
export const COMPLIANCE_SCOPE = COMPLIANCE_PERMISSION;

/** Application (2-legged) tokens live 30 minutes. */
export const APPLICATION_TOKEN_LIFETIME_SECONDS = 1800;
/** Authorization codes live 30 minutes. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 30 * 60 * 1000;

/**
 * Scopes as clients send them: LinkedIn accepts spaces (the Python client, `%20`), commas
 * (the JS client) or `+`. Trimmed, deduplicated, order kept, empty entries dropped.
 */
export function parseScopes(raw: string | undefined): string[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        // A scope name never holds "%", so a literal "%20" the query parser left is a separator too.
        .split(/(?:[\s,+]|%20)+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Introspection reports scopes comma-separated. */
export function formatScopesForIntrospection(scopes: readonly string[]): string {
  return scopes.join(",");
}

/** The token endpoint also reports scopes comma-separated, as LinkedIn does. */
export function formatScopesForTokenResponse(scopes: readonly string[]): string {
  return scopes.join(",");
}

/** Compliance tokens live 365 days (LinkedIn's compliance FAQ); other member tokens 60 days. */
export function tokenLifetimeSeconds(scopes: readonly string[]): number {
  return scopes.includes(COMPLIANCE_SCOPE) ? 31_536_000 : 5_184_000;
}
