import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { verifyCsrfToken } from "../../../oauth/csrf.js";
import { removePermittedApplication } from "../../../oauth/permitted-services.js";
import { resumeWebSession } from "../../../oauth/web-sessions.js";
import type { Services } from "../../../services.js";
import { CSRF_FIELD_NAME } from "../../pages/hidden-fields.js";
import { APP_ID_FIELD_NAME } from "../../pages/permitted-services-page.js";
import { FORM } from "../../schemas/oauth-schemas.js";
import { pageErrors, pageSecurity, redirect } from "../../schemas/page-schemas.js";
import { sendErrorPage } from "../../send-page.js";
import { readCookie, SESSION_COOKIE } from "../../web-session-cookies.js";
import { readFormParams } from "../oauth/form-params.js";
import {
  PERMITTED_SERVICES_PATH,
  REMOVE_APP_CSRF_PURPOSE,
  REMOVE_PERMITTED_SERVICE_PATH,
} from "./paths.js";

/**
 * `POST /psettings/permitted-services/remove`: the member's "Remove" button. Revokes their
 * tokens for the application and ends its compliance authorization for them, then shows
 * the list again (303, so a reload does not post twice).
 */
export function removePermittedServiceRoute(app: FastifyInstance, services: Services): void {
  app.post(
    REMOVE_PERMITTED_SERVICE_PATH,
    {
      schema: {
        tags: ["pages"],
        summary: "Remove a permitted application",
        description:
          "Revokes every token the member gave the application and ends its compliance authorization for them at once, then shows the list again (spec §3).",
        security: pageSecurity,
        consumes: [FORM],
        body: Type.Object(
          {
            [APP_ID_FIELD_NAME]: Type.String({ description: "The application's id" }),
            [CSRF_FIELD_NAME]: Type.String({ description: "The page's CSRF token" }),
          },
          { description: "The Remove button's form" },
        ),
        response: {
          303: redirect("Removed: back to the list"),
          ...pageErrors({ 401: "Signed out", 403: "The form expired (CSRF token)" }),
        },
      },
    },
    async (request, reply) => {
      const form = readFormParams(request);
      const signedIn = await resumeWebSession(services, readCookie(request, SESSION_COOKIE));
      if (!signedIn)
        return sendErrorPage(
          reply,
          401,
          "Signed out",
          "Sign in again to manage your permitted services.",
        );
      if (
        !verifyCsrfToken(
          signedIn.session.csrfSecret,
          REMOVE_APP_CSRF_PURPOSE,
          form[CSRF_FIELD_NAME],
        )
      ) {
        return sendErrorPage(
          reply,
          403,
          "Form expired",
          "This form is no longer valid. Reload the page and try again.",
        );
      }
      const applicationId = form[APP_ID_FIELD_NAME] ?? "";
      // Only a digit string can name an application; anything else is not one of the member's.
      if (/^[0-9]{1,15}$/.test(applicationId)) {
        await removePermittedApplication(services.store, signedIn.member.id, applicationId);
      }
      return reply.header("Cache-Control", "no-store").redirect(PERMITTED_SERVICES_PATH, 303);
    },
  );
}
