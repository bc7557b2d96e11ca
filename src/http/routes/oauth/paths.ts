/** Where the OAuth endpoints live: `https://www.linkedin.com/oauth/v2/X` maps to `/oauth/v2/X` (spec §1). */
export const OAUTH_PREFIX = "/oauth/v2";
export const AUTHORIZATION_PATH = `${OAUTH_PREFIX}/authorization`;
/** The sandbox's sign-in form posts here (LinkedIn's own sign-in is outside the API). */
export const SIGN_IN_PATH = `${OAUTH_PREFIX}/login`;
