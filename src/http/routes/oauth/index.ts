import type { FastifyInstance } from "fastify";
import type { AuthFailureLimiter } from "../../../domain/auth-failure-limiter.js";
import type { Services } from "../../../services.js";
import { documentOnlyValidator } from "../../openapi/register-openapi.js";
import { registerOAuthFailureLimit } from "../../plugins/auth-failure-limit.js";
import { htmlErrorHandler } from "../../send-page.js";
import { accessTokenRoute } from "./access-token.js";
import { authorizationRoute } from "./authorization.js";
import { authorizationDecisionRoute } from "./authorization-decision.js";
import { introspectTokenRoute } from "./introspect-token.js";
import { oauthJsonErrorHandler } from "./oauth-error-handler.js";
import { revokeRoute } from "./revoke.js";
import { signInRoute } from "./sign-in.js";

export { OAUTH_PREFIX } from "./paths.js";

/**
 * Everything under `/oauth/v2` (spec §3). Two encapsulated scopes with their own error
 * handlers: the JSON endpoints answer RFC 6749 bodies, the browser pages answer HTML pages.
 */
export async function registerOAuthRoutes(
  app: FastifyInstance,
  services: Services,
  authFailures: AuthFailureLimiter,
): Promise<void> {
  await app.register(async (api) => {
    // The OAuth code reads its forms (one value per name) and answers RFC 6749 errors itself.
    api.setValidatorCompiler(documentOnlyValidator);
    api.setErrorHandler(oauthJsonErrorHandler);
    // Wrong client secrets are counted; too many per client id or address answer 429.
    registerOAuthFailureLimit(api, authFailures);
    accessTokenRoute(api, services);
    introspectTokenRoute(api, services);
    revokeRoute(api, services);
  });
  await app.register(async (pages) => {
    pages.setValidatorCompiler(documentOnlyValidator);
    pages.setErrorHandler(htmlErrorHandler);
    authorizationRoute(pages, services);
    authorizationDecisionRoute(pages, services);
    signInRoute(pages, services);
  });
}
