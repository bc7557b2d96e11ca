import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { verifyCsrfToken } from "../../../oauth/csrf.js";
import { endWebSession, startWebSession } from "../../../oauth/web-sessions.js";
import type { Services } from "../../../services.js";
import { CSRF_FIELD_NAME } from "../../pages/hidden-fields.js";
import { MEMBER_FIELD_NAME } from "../../pages/sign-in-page.js";
import { FORM } from "../../schemas/oauth-schemas.js";
import { pageErrors, redirect } from "../../schemas/page-schemas.js";
import { sendErrorPage } from "../../send-page.js";
import { isLocalPath, RETURN_FIELD_NAME, SIGN_IN_CSRF_PURPOSE } from "../../sign-in-prompt.js";
import {
  clearCookie,
  readCookie,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  setCookie,
} from "../../web-session-cookies.js";
import { readFormParams } from "./form-params.js";

/**
 * `POST /oauth/v2/login`: the sandbox sign-in (pick a member, no password). Starts a web
 * session, sets its cookie and returns to the page that asked for sign-in.
 */
export function signInRoute(app: FastifyInstance, services: Services): void {
  app.post(
    "/login",
    {
      schema: {
        tags: ["pages"],
        summary: "The sandbox sign-in form",
        description:
          "Pick a member, no password: starts a web session (cookie) and returns with 303 to the page that asked for sign-in.",
        security: [],
        consumes: [FORM],
        body: Type.Object(
          {
            [MEMBER_FIELD_NAME]: Type.String({ description: "The member's id" }),
            [RETURN_FIELD_NAME]: Type.String({ description: "A local path to return to" }),
            [CSRF_FIELD_NAME]: Type.String({ description: "The sign-in form's CSRF token" }),
          },
          { description: "The sign-in form's fields" },
        ),
        response: {
          303: redirect("Signed in: back to the page that asked"),
          ...pageErrors({
            400: "No member chosen, or no page to return to",
            403: "The form expired (CSRF token)",
          }),
        },
      },
    },
    async (request, reply) => {
      const form = readFormParams(request);
      const nonce = readCookie(request, SIGN_IN_COOKIE);
      if (!nonce || !verifyCsrfToken(nonce, SIGN_IN_CSRF_PURPOSE, form[CSRF_FIELD_NAME])) {
        return sendErrorPage(
          reply,
          403,
          "Form expired",
          "This sign-in form is no longer valid. Go back and reload the page.",
        );
      }
      const returnTo = form[RETURN_FIELD_NAME] ?? "";
      if (!isLocalPath(returnTo))
        return sendErrorPage(
          reply,
          400,
          "Invalid request",
          "The sign-in form names no page to return to.",
        );
      const member = form[MEMBER_FIELD_NAME]
        ? await services.store.members.findById(form[MEMBER_FIELD_NAME])
        : null;
      if (!member)
        return sendErrorPage(
          reply,
          400,
          "Choose a member",
          "Pick one of the sandbox's members to sign in as.",
        );

      await endWebSession(services, readCookie(request, SESSION_COOKIE));
      const { sessionId, maxAgeSeconds } = await startWebSession(services, member.id);
      clearCookie(reply, SIGN_IN_COOKIE);
      setCookie(request, reply, SESSION_COOKIE, sessionId, maxAgeSeconds);
      // 303: the browser follows with a GET, whatever the method of the form.
      return reply.header("Cache-Control", "no-store").redirect(returnTo, 303);
    },
  );
}
