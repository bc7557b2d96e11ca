import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { validateAuthorizationRequest } from "../../../oauth/authorization-request.js";
import { approveAuthorization, cancelledAuthorizationRedirect } from "../../../oauth/consent.js";
import { verifyCsrfToken } from "../../../oauth/csrf.js";
import { resumeWebSession } from "../../../oauth/web-sessions.js";
import type { Services } from "../../../services.js";
import { DECISION_FIELD_NAME } from "../../pages/consent-page.js";
import { CSRF_FIELD_NAME } from "../../pages/hidden-fields.js";
import { FORM } from "../../schemas/oauth-schemas.js";
import {
  AuthorizationQuery,
  htmlPage,
  pageErrors,
  pageSecurity,
  redirect,
} from "../../schemas/page-schemas.js";
import { sendErrorPage } from "../../send-page.js";
import { sendSignInPage } from "../../sign-in-prompt.js";
import { readCookie, SESSION_COOKIE } from "../../web-session-cookies.js";
import { CONSENT_CSRF_PURPOSE } from "./authorization.js";
import { authorizationUrl } from "./authorization-query.js";
import { readFormParams } from "./form-params.js";

/**
 * `POST /oauth/v2/authorization`: the consent form's Allow or Cancel. The request is
 * validated again (the form is client-side state), the CSRF token must be this session's,
 * and either answer ends in a redirect to the registered redirect URI.
 */
export function authorizationDecisionRoute(app: FastifyInstance, services: Services): void {
  app.post(
    "/authorization",
    {
      schema: {
        tags: ["pages"],
        summary: "The consent form's Allow or Cancel",
        description:
          "Re-validates the request, checks the session's CSRF token, then redirects to the redirect URI with a code (allow) or `error=user_cancelled_authorize` (cancel).",
        security: pageSecurity,
        consumes: [FORM],
        body: Type.Object(
          {
            ...AuthorizationQuery.properties,
            // Both are checked only while the session lasts; after, the answer is the sign-in page.
            [DECISION_FIELD_NAME]: Type.Optional(
              Type.Union([Type.Literal("allow"), Type.Literal("cancel")]),
            ),
            [CSRF_FIELD_NAME]: Type.Optional(
              Type.String({ description: "The consent form's CSRF token" }),
            ),
          },
          { description: "The consent form's fields" },
        ),
        response: {
          200: htmlPage("The session ended: the sign-in page"),
          302: redirect("Back to the redirect URI with a code, or the cancellation"),
          ...pageErrors({
            400: "An invalid request or decision",
            401: "Unknown client, unregistered redirect URI, or a scope not granted",
            403: "The form expired (CSRF token)",
          }),
        },
      },
    },
    async (request, reply) => {
      const form = readFormParams(request);
      const authorization = await validateAuthorizationRequest(form, services.store);
      const signedIn = await resumeWebSession(services, readCookie(request, SESSION_COOKIE));
      // The session ended between the pages: sign in again, then see the consent page again.
      if (!signedIn) return sendSignInPage(request, reply, services.store, authorizationUrl(form));
      if (
        !verifyCsrfToken(signedIn.session.csrfSecret, CONSENT_CSRF_PURPOSE, form[CSRF_FIELD_NAME])
      ) {
        return sendErrorPage(
          reply,
          403,
          "Form expired",
          "This consent form is no longer valid. Go back to the application and start again.",
        );
      }
      reply.header("Cache-Control", "no-store");
      switch (form[DECISION_FIELD_NAME]) {
        case "allow": {
          const { redirectTo } = await approveAuthorization(
            services,
            authorization,
            signedIn.member.id,
          );
          return reply.redirect(redirectTo, 302);
        }
        case "cancel":
          return reply.redirect(cancelledAuthorizationRedirect(authorization), 302);
        default:
          return sendErrorPage(
            reply,
            400,
            "Invalid request",
            'The decision must be "allow" or "cancel".',
          );
      }
    },
  );
}
