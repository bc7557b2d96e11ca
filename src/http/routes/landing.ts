import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isRegisteredRedirectUri } from "../../oauth/redirect-uri.js";
import { COMPLIANCE_SCOPE } from "../../oauth/scopes.js";
import type { Services } from "../../services.js";
import { documentOnlyValidator } from "../openapi/register-openapi.js";
import { renderCallbackPage } from "../pages/callback-page.js";
import { renderLandingPage } from "../pages/landing-page.js";
import { htmlPage, pageErrors } from "../schemas/page-schemas.js";
import { sendPage } from "../send-page.js";
import { AUTHORIZATION_PATH, OAUTH_PREFIX } from "./oauth/paths.js";

/** This server's own redirect URI page; the demo application registers it. */
export const CALLBACK_PATH = "/callback";

interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/** `GET /` (the landing page) and `GET /callback` (a redirect URI that shows what it got). */
export async function landingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // The pages read their query themselves; the schemas document them.
  app.setValidatorCompiler(documentOnlyValidator);
  app.get(
    "/",
    {
      schema: {
        tags: ["pages"],
        summary: "The landing page",
        description:
          "What this server is, links to the console, /docs, this document and health, and the world's public credentials (client ids, member ids; never secrets).",
        security: [],
        response: { 200: htmlPage("The landing page") },
      },
    },
    async (request, reply) => {
      const callback = callbackUri(request);
      const [applications, members] = await Promise.all([
        services.store.applications.list(),
        services.store.members.list(),
      ]);
      const html = renderLandingPage({
        applications: applications.map((application) => ({
          id: application.id,
          name: application.name,
          clientId: application.clientId,
          authorizationUrl: isRegisteredRedirectUri(application, callback)
            ? `${AUTHORIZATION_PATH}?${new URLSearchParams({
                response_type: "code",
                client_id: application.clientId,
                redirect_uri: callback,
                scope: COMPLIANCE_SCOPE,
                state: "regula-landing",
              })}`
            : null,
        })),
        memberIds: members.map((member) => member.id),
      });
      return sendPage(reply, 200, html);
    },
  );

  app.get<{ Querystring: CallbackQuery }>(
    CALLBACK_PATH,
    {
      schema: {
        tags: ["pages"],
        summary: "This server's own OAuth redirect URI",
        description:
          "Shows the code (or the error) the authorization redirect carried, and the exact curl that exchanges the code.",
        security: [],
        querystring: Type.Object({
          code: Type.Optional(Type.String()),
          state: Type.Optional(Type.String()),
          error: Type.Optional(Type.String()),
          error_description: Type.Optional(Type.String()),
        }),
        response: {
          200: htmlPage("The code and its exchange command, or the error the redirect carried"),
          ...pageErrors({ 400: "Neither a code nor an error" }),
        },
      },
    },
    async (request, reply) => {
      const { code, state = null, error, error_description = null } = request.query;
      if (code === undefined) {
        const html = renderCallbackPage({
          outcome: "error",
          error: error ?? "missing code",
          description: error
            ? error_description
            : "The redirect carried neither a code nor an error.",
          state,
        });
        return sendPage(reply, error ? 200 : 400, html);
      }
      const callback = callbackUri(request);
      const clientIds = (await services.store.applications.list())
        .filter((application) => isRegisteredRedirectUri(application, callback))
        .map((application) => application.clientId);
      const html = renderCallbackPage({
        outcome: "code",
        code,
        state,
        exchangeCommand: exchangeCommand({
          tokenUrl: `${origin(request)}${OAUTH_PREFIX}/accessToken`,
          code,
          redirectUri: callback,
          // With one application on this redirect URI the command is complete but for the secret.
          clientId: clientIds.length === 1 ? clientIds[0]! : "$CLIENT_ID",
        }),
      });
      return sendPage(reply, 200, html);
    },
  );
}

function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function callbackUri(request: FastifyRequest): string {
  return `${origin(request)}${CALLBACK_PATH}`;
}

/** A shell-safe curl: every value single-quoted, the secret left to the environment. */
function exchangeCommand(input: {
  tokenUrl: string;
  code: string;
  redirectUri: string;
  clientId: string;
}): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  const clientId = input.clientId === "$CLIENT_ID" ? '"$CLIENT_ID"' : quote(input.clientId);
  return [
    `curl -s -X POST ${quote(input.tokenUrl)} \\`,
    "  -d grant_type=authorization_code \\",
    `  --data-urlencode code=${quote(input.code)} \\`,
    `  --data-urlencode redirect_uri=${quote(input.redirectUri)} \\`,
    `  -d client_id=${clientId} \\`,
    '  --data-urlencode client_secret="$CLIENT_SECRET"',
  ].join("\n");
}
