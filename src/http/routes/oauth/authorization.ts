import type { FastifyInstance } from "fastify";
import { displayName } from "../../../domain/members.js";
import { validateAuthorizationRequest } from "../../../oauth/authorization-request.js";
import { approveAuthorization, consentAlreadyGiven } from "../../../oauth/consent.js";
import { createCsrfToken } from "../../../oauth/csrf.js";
import { resumeWebSession } from "../../../oauth/web-sessions.js";
import type { Services } from "../../../services.js";
import { renderConsentPage } from "../../pages/consent-page.js";
import { describeScopes } from "../../pages/scope-descriptions.js";
import {
  AuthorizationQuery,
  htmlPage,
  pageErrors,
  pageSecurity,
  redirect,
} from "../../schemas/page-schemas.js";
import { sendPage } from "../../send-page.js";
import { sendSignInPage } from "../../sign-in-prompt.js";
import { readCookie, SESSION_COOKIE } from "../../web-session-cookies.js";
import { authorizationHiddenFields, authorizationUrl } from "./authorization-query.js";
import { singleValued } from "./form-params.js";
import { AUTHORIZATION_PATH } from "./paths.js";

/** The purpose the consent form's CSRF token is bound to. */
export const CONSENT_CSRF_PURPOSE = "consent";

/**
 * `GET /oauth/v2/authorization` (spec §3): validate the request (an error page if it is
 * bad), then sign-in if nobody is signed in, then consent — or, when the member already
 * granted these scopes, straight back to the client with a code.
 */
export function authorizationRoute(app: FastifyInstance, services: Services): void {
  app.get(
    "/authorization",
    {
      schema: {
        tags: ["pages"],
        summary: "Authorization request: sign-in, then consent",
        description:
          "Validates the request (an HTML error page if it is bad, never a redirect), asks a signed-out member to sign in, then shows the consent page; a member who already granted these scopes is sent straight back with a code (spec §3).",
        security: pageSecurity,
        querystring: AuthorizationQuery,
        response: {
          200: htmlPage("The sign-in or the consent page"),
          302: redirect("Consent already given: `redirect_uri?code=…&state=…`"),
          ...pageErrors({
            400: "A missing or invalid parameter",
            401: "Unknown client, unregistered redirect URI, or a scope not granted to the application",
          }),
        },
      },
    },
    async (request, reply) => {
      const params = singleValued(request.query);
      const authorization = await validateAuthorizationRequest(params, services.store);
      const signedIn = await resumeWebSession(services, readCookie(request, SESSION_COOKIE));
      if (!signedIn)
        return sendSignInPage(request, reply, services.store, authorizationUrl(params));

      if (await consentAlreadyGiven(services, authorization, signedIn.member.id)) {
        const { redirectTo } = await approveAuthorization(
          services,
          authorization,
          signedIn.member.id,
        );
        return reply.header("Cache-Control", "no-store").redirect(redirectTo, 302);
      }
      const html = renderConsentPage({
        appName: authorization.application.name,
        memberName: displayName(signedIn.member),
        permissions: describeScopes(authorization.scopes),
        hiddenFields: authorizationHiddenFields(params),
        csrfToken: createCsrfToken(signedIn.session.csrfSecret, CONSENT_CSRF_PURPOSE),
        action: AUTHORIZATION_PATH,
      });
      return sendPage(reply, 200, html);
    },
  );
}
