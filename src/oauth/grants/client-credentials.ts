import { issueApplicationToken } from "../issue-tokens.js";
import { clientCredentialsNotEnabled } from "../oauth-errors.js";
import type { GrantType } from "./grant-type.js";

/**
 * `grant_type=client_credentials` (RFC 6749 §4.4, LinkedIn Client Credentials Flow): a
 * 30-minute application token carrying the application's permissions, for applications
 * LinkedIn enabled for it.
 */
export const clientCredentialsGrant: GrantType = {
  requiredParams: [],
  async issue({ application, deps }) {
    if (!application.clientCredentials) throw clientCredentialsNotEnabled();
    return issueApplicationToken(deps, application);
  },
};
