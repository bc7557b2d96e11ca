import { COMPLIANCE_SCOPE } from "../../oauth/scopes.js";

/** What each scope lets an application do, in words a member reads on the consent page. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [COMPLIANCE_SCOPE]: "Archive your Sales Navigator messages for compliance",
  r_liteprofile: "Use your name, headline and photo",
  r_emailaddress: "Use the primary email address of your account",
  openid: "Sign you in with your LinkedIn identity",
  profile: "Use your name, headline and photo",
  email: "Use the primary email address of your account",
};

/** The member-facing description of `scope`, or the scope's own name when Regula has none. */
export function describeScope(scope: string): string {
  return Object.hasOwn(SCOPE_DESCRIPTIONS, scope) ? SCOPE_DESCRIPTIONS[scope]! : scope;
}

/** Scopes as the consent page lists them, in request order. */
export function describeScopes(
  scopes: readonly string[],
): { scope: string; description: string }[] {
  return scopes.map((scope) => ({ scope, description: describeScope(scope) }));
}
