import type { Application } from "../../domain/records.js";
import type { TokenDeps, TokenResponse } from "../issue-tokens.js";

/** Form parameters of a token request, one value each. */
export type TokenParams = Readonly<Record<string, string | undefined>>;

/**
 * One grant type behind one contract (RFC 6749 §4): the parameters it needs and how it
 * issues. In its own file so the grants and the token endpoint that picks them import it
 * from below, not from each other.
 */
export interface GrantType {
  /** Parameters this grant needs besides grant_type, client_id and client_secret. */
  readonly requiredParams: readonly string[];
  issue(request: {
    params: TokenParams;
    application: Application;
    deps: TokenDeps;
  }): Promise<TokenResponse>;
}
