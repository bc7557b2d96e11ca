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

declare module "fastify" {
  interface FastifyContextConfig {
    /** The body may be left out (`POST /sandbox/reset`): the document marks it optional. */
    optionalBody?: boolean;
  }
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
  const optionalBodies = new Set<string>();
  catalogues.set(app, operations);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      const path = openapiPath(route.url, route.schema?.params);
      operations.push({ method, path, hidden: route.schema?.hide === true });
      if (route.config?.optionalBody) optionalBodies.add(`${method.toLowerCase()} ${path}`);
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
    // @fastify/swagger marks every documented body required; some routes take none as well.
    transformObject: (documentObject) => {
      if (!("openapiObject" in documentObject)) return documentObject.swaggerObject;
      const { openapiObject } = documentObject;
      for (const [path, item] of Object.entries(openapiObject.paths ?? {})) {
        for (const [method, operation] of Object.entries(item ?? {})) {
          markRequiredHeaders(operation);
          const body = (operation as { requestBody?: RequestBody }).requestBody;
          if (!body) continue;
          if (optionalBodies.has(`${method} ${path}`)) body.required = false;
          for (const media of Object.values(body.content ?? {})) releaseDefaulted(media.schema);
        }
      }
      return openapiObject;
    },
  });
}

/**
 * Response headers are optional in OpenAPI unless marked; the schemas mark the ones always
 * sent (`alwaysSent`: `x-required`), which become `required: true` header objects.
 */
function markRequiredHeaders(operation: unknown): void {
  const responses = (operation as { responses?: Record<string, { headers?: object }> }).responses;
  for (const response of Object.values(responses ?? {})) {
    for (const header of Object.values(response.headers ?? {}) as HeaderObject[]) {
      if (header.schema?.["x-required"] !== true) continue;
      delete header.schema["x-required"];
      header.required = true;
    }
  }
}

interface HeaderObject {
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: unknown }>;
}

/**
 * Fastify's Ajv fills in defaults (`useDefaults`), so a body field with a `default` may be
 * left out on the wire although the schema lists it as required (which keeps the handler's
 * type exact). The document says what a client may send: such fields are not required.
 */
function releaseDefaulted(schema: unknown): void {
  if (typeof schema !== "object" || schema === null) return;
  const node = schema as {
    properties?: Record<string, { default?: unknown }>;
    required?: string[];
  };
  if (node.properties && Array.isArray(node.required)) {
    node.required = node.required.filter((name) => node.properties?.[name]?.default === undefined);
    if (node.required.length === 0) delete node.required;
  }
  for (const value of Object.values(schema)) {
    if (Array.isArray(value)) for (const item of value) releaseDefaulted(item);
    else releaseDefaulted(value);
  }
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
