import swagger from "@fastify/swagger";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import { SESSION_COOKIE } from "../web-session-cookies.js";
import { openapiPath } from "./openapi-path.js";

/** One operation Fastify registered (its automatic HEAD twins left out), as documented. */
export interface RegisteredOperation {
  method: string;
  /** The OpenAPI path template the document files it under. */
  path: string;
  hidden: boolean;
}

const catalogues = new WeakMap<FastifyInstance, RegisteredOperation[]>();

export const OPENAPI_VERSION = "3.1.0";

/**
 * Registers the OpenAPI generator before any route, so that every route schema is
 * collected: the document and Fastify's validation read the same schemas (one source).
 * OpenAPI 3.1, because its Schema Object is JSON Schema, which is what TypeBox writes
 * (numeric `exclusiveMinimum`, `type: "null"` in unions); 3.0 would need every schema
 * rewritten. Security is declared per operation by the routes, not globally.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const operations: RegisteredOperation[] = [];
  catalogues.set(app, operations);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      operations.push({
        method,
        path: openapiPath(route.url, route.schema?.params),
        hidden: route.schema?.hide === true,
      });
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: OPENAPI_VERSION,
      info: {
        title: "Regula",
        version: "0.1.0",
        description:
          "LinkedIn-compatible Compliance APIs for Sales Navigator (`/rest`, `/v2`, `/oauth/v2`), the member's pages, and the sandbox control plane (`/sandbox`). Behaviour is specified in the project's spec; errors are LinkedIn's JSON bodies (docs/errors.md).",
      },
      tags: [
        { name: "compliance", description: "LinkedIn's Compliance Management and Events APIs" },
        { name: "oauth", description: "OAuth 2.0 at www.linkedin.com/oauth/v2" },
        { name: "pages", description: "HTML pages for people: consent, privacy settings" },
        { name: "sandbox", description: "The control plane: applications, members, time" },
        { name: "server", description: "Health, this document, the console" },
      ],
      components: {
        securitySchemes: {
          memberToken: {
            type: "http",
            scheme: "bearer",
            description:
              "An access token from POST /oauth/v2/accessToken: a member's (3-legged) token, or an application's (client credentials) where the operation says so",
          },
          adminKey: {
            type: "http",
            scheme: "bearer",
            description:
              "The control plane's key (REGULA_ADMIN_KEY, or the data directory's admin-key file)",
          },
          webSession: {
            type: "apiKey",
            in: "cookie",
            name: SESSION_COOKIE,
            description:
              "The sandbox sign-in's session; without it the page answers the sign-in form",
          },
        },
      },
    },
    // @fastify/swagger formats the URL again, reading `::` as a literal colon.
    transform: ({ schema, url }) => ({
      schema,
      url: openapiPath(url, schema?.params).replaceAll(":", "::"),
    }),
  });
}

/** Every operation registered on `app` so far, hidden ones included (for the contract test). */
export function registeredOperations(app: FastifyInstance): readonly RegisteredOperation[] {
  return catalogues.get(app) ?? [];
}

/**
 * For scopes whose own code is the validator (Rest.li parsing, OAuth form handling, HTML
 * pages): their schemas document the wire format, but Fastify must not reject a request
 * before that code answers it in the scope's own error format.
 */
export const documentOnlyValidator: FastifySchemaCompiler<unknown> = () => () => true;

/**
 * Responses are written with JSON.stringify, exactly as without a response schema:
 * fast-json-stringify would drop properties a schema does not list and reorder the rest,
 * silently hiding drift. The response schemas document; the contract test checks answers
 * against them.
 */
export function serializeAsIs(): (data: unknown) => string {
  return (data) => JSON.stringify(data);
}
