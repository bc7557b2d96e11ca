import type { FastifyInstance } from "fastify";
import { displayName } from "../../../domain/members.js";
import { createCsrfToken } from "../../../oauth/csrf.js";
import { listPermittedApplications } from "../../../oauth/permitted-services.js";
import { resumeWebSession } from "../../../oauth/web-sessions.js";
import type { Services } from "../../../services.js";
import { renderPermittedServicesPage } from "../../pages/permitted-services-page.js";
import { htmlPage, pageSecurity } from "../../schemas/page-schemas.js";
import { sendPage } from "../../send-page.js";
import { sendSignInPage } from "../../sign-in-prompt.js";
import { readCookie, SESSION_COOKIE } from "../../web-session-cookies.js";
import {
  PERMITTED_SERVICES_PATH,
  REMOVE_APP_CSRF_PURPOSE,
  REMOVE_PERMITTED_SERVICE_PATH,
} from "./paths.js";

/** `GET /psettings/permitted-services`: the applications the signed-in member authorized (sign-in first). */
export function permittedServicesRoute(app: FastifyInstance, services: Services): void {
  app.get(
    PERMITTED_SERVICES_PATH,
    {
      schema: {
        tags: ["pages"],
        summary: "The member's permitted services (privacy settings)",
        description:
          "The applications the signed-in member authorized, each with a Remove button; the sign-in form when signed out (spec §3).",
        security: pageSecurity,
        response: { 200: htmlPage("The list, or the sign-in page") },
      },
    },
    async (request, reply) => {
      const signedIn = await resumeWebSession(services, readCookie(request, SESSION_COOKIE));
      if (!signedIn) return sendSignInPage(request, reply, services.store, PERMITTED_SERVICES_PATH);
      const permitted = await listPermittedApplications(services.store, signedIn.member.id);
      const html = renderPermittedServicesPage({
        memberName: displayName(signedIn.member),
        apps: permitted.map(({ application, grant }) => ({
          id: application.id,
          name: application.name,
          grantedAt: grant.grantedAt,
          scopes: grant.scopes,
        })),
        csrfToken: createCsrfToken(signedIn.session.csrfSecret, REMOVE_APP_CSRF_PURPOSE),
        action: REMOVE_PERMITTED_SERVICE_PATH,
      });
      return sendPage(reply, 200, html);
    },
  );
}
