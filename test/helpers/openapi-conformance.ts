import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";

/** An OpenAPI document after dereferencing: every `$ref` replaced by its target. */
type Doc = {
  paths: Record<string, Record<string, Operation>>;
};
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, ResponseDoc>;
}
type Schema = { type?: unknown } & object;
interface ResponseDoc {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: object }>;
}

/** One answer that does not match the document, said so a reader can fix it. */
export interface Nonconformity {
  call: string;
  problem: string;
}

/**
 * A response-validation hook for tests: `inject` answers as Fastify's inject does, and
 * checks every answer against the server's own /openapi.json — its path and method are an
 * operation, its status is one the operation documents (no `default` fallback), the
 * response headers documented as required are present, and the body matches the schema of its media
 * type (or is empty where none is documented). A request the server accepted (2xx) must be
 * one the document allows too — required parameters and body present, values matching
 * their schemas — so that a validating proxy in front of the server would pass it.
 * Problems collect in `nonconformities`.
 */
export async function conformanceChecker(
  app: FastifyInstance,
  options: {
    /** Accept an undocumented status when the operation documents `default` (faults). */
    allowDefault?: boolean;
  } = {},
) {
  const raw = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
  const doc = (await SwaggerParser.dereference(structuredClone(raw))) as unknown as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiled = new WeakMap<object, ValidateFunction>();
  const templates = Object.keys(doc.paths)
    .map((template) => ({ template, pattern: templatePattern(template) }))
    // Static segments win over parameters, as in Fastify's router.
    .sort((a, b) => paramCount(a.template) - paramCount(b.template));
  const nonconformities: Nonconformity[] = [];
  // Errors answered for paths no route serves (404, 405, the /rest hooks' 401/400): they are
  // the router's, not an operation's, and are kept apart.
  const unrouted: string[] = [];
  const checked = new Set<string>();

  function validates(schema: object, value: unknown): string | null {
    const validate = compiled.get(schema) ?? ajv.compile(schema);
    compiled.set(schema, validate);
    return validate(value) ? null : ajv.errorsText(validate.errors);
  }

  function checkRequest(call: string, operation: Operation, request: InjectOptions): void {
    const url = new URL(String(request.url), "http://regula.test");
    const headers = Object.fromEntries(
      Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in === "path") continue;
      const raw =
        parameter.in === "query"
          ? url.searchParams.get(parameter.name)
          : headers[parameter.name.toLowerCase()];
      if (raw === undefined || raw === null) {
        if (parameter.required) {
          nonconformities.push({
            call,
            problem: `required ${parameter.in} ${parameter.name} left out`,
          });
        }
        continue;
      }
      const problem =
        parameter.schema && validates(parameter.schema, coerce(parameter.schema, String(raw)));
      if (problem) nonconformities.push({ call, problem: `${parameter.name}: ${problem}` });
    }
    const payload = request.payload ?? request.body;
    const mediaType = String(headers["content-type"] ?? "application/json")
      .split(";")[0]!
      .trim();
    // An empty JSON body is no body (the server's JSON parser); an empty form, even one with
    // no bytes at all, parses as `{}` where a form body is documented.
    const empty = payload === undefined || payload === "";
    const form = mediaType === "application/x-www-form-urlencoded";
    if (empty && !(form && operation.requestBody?.content[mediaType])) {
      if (operation.requestBody?.required) {
        nonconformities.push({ call, problem: "the documented required body was left out" });
      }
      return;
    }
    const media = operation.requestBody?.content[mediaType];
    if (!media) {
      nonconformities.push({ call, problem: `request body ${mediaType} is not documented` });
      return;
    }
    const body =
      mediaType === "application/x-www-form-urlencoded"
        ? Object.fromEntries(new URLSearchParams(String(payload ?? "")))
        : typeof payload === "string"
          ? JSON.parse(payload)
          : payload;
    const problem = media.schema && validates(media.schema, body);
    if (problem) nonconformities.push({ call, problem: `request body: ${problem}` });
  }

  function check(request: InjectOptions, res: LightMyRequestResponse): void {
    const method = String(request.method ?? "GET");
    const url = String(request.url);
    // Dot segments resolve as the request's URL does (`/rest/x/../..` is `/`).
    const path = new URL(url, "http://regula.test").pathname;
    const call = `${method} ${url} → ${res.statusCode}`;
    const match = templates.find(({ pattern }) => pattern.test(path));
    const operation = match ? doc.paths[match.template]?.[method.toLowerCase()] : undefined;
    if (!match || !operation) {
      if (res.statusCode >= 400) unrouted.push(call);
      else nonconformities.push({ call, problem: "no documented operation" });
      return;
    }
    checked.add(`${method} ${match.template} ${res.statusCode}`);
    if (res.statusCode >= 200 && res.statusCode < 300) checkRequest(call, operation, request);
    const response =
      operation.responses[String(res.statusCode)] ??
      (options.allowDefault ? operation.responses.default : undefined);
    if (!response) {
      nonconformities.push({ call, problem: `status ${res.statusCode} is not documented` });
      return;
    }
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required && res.headers[name.toLowerCase()] === undefined) {
        nonconformities.push({ call, problem: `documented header ${name} is missing` });
      }
    }
    const body = res.body;
    const content = response.content;
    if (!content) {
      if (body !== "") nonconformities.push({ call, problem: "a body where none is documented" });
      return;
    }
    const mediaType = String(res.headers["content-type"] ?? "")
      .split(";")[0]!
      .trim();
    const media = content[mediaType] ?? content["*/*"];
    if (!media) {
      nonconformities.push({ call, problem: `media type ${mediaType} is not documented` });
      return;
    }
    if (!media.schema || !mediaType.endsWith("json")) return;
    const problem = validates(media.schema, JSON.parse(body));
    if (problem) nonconformities.push({ call, problem });
  }

  return {
    doc,
    nonconformities,
    unrouted,
    /** `METHOD template status` of every answer checked so far. */
    checked,
    record(options: InjectOptions, res: LightMyRequestResponse): void {
      check(options, res);
    },
    async inject(options: InjectOptions): Promise<LightMyRequestResponse> {
      const res = await app.inject(options);
      check(options, res);
      return res;
    },
  };
}

export type ConformanceChecker = Awaited<ReturnType<typeof conformanceChecker>>;

/** A query or header value as the schema's type reads it: numbers and booleans from text. */
function coerce(schema: Schema, value: string): unknown {
  const type = schema.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

function paramCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}
