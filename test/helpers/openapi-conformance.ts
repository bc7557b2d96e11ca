import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";

/** An OpenAPI document after dereferencing: every `$ref` replaced by its target. */
type Doc = {
  paths: Record<string, Record<string, Operation>>;
};
interface Operation {
  responses: Record<string, ResponseDoc>;
}
interface ResponseDoc {
  headers?: Record<string, unknown>;
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
 * documented response headers are present, and the body matches the schema of its media
 * type (or is empty where none is documented). Problems collect in `nonconformities`.
 */
export async function conformanceChecker(app: FastifyInstance) {
  const raw = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
  const doc = (await SwaggerParser.dereference(structuredClone(raw))) as unknown as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiled = new WeakMap<object, ValidateFunction>();
  const templates = Object.keys(doc.paths)
    .map((template) => ({ template, pattern: templatePattern(template) }))
    // Static segments win over parameters, as in Fastify's router.
    .sort((a, b) => paramCount(a.template) - paramCount(b.template));
  const nonconformities: Nonconformity[] = [];
  const checked = new Set<string>();

  function check(method: string, url: string, res: LightMyRequestResponse): void {
    const path = url.split("?")[0]!;
    const call = `${method} ${url} → ${res.statusCode}`;
    const match = templates.find(({ pattern }) => pattern.test(path));
    const operation = match ? doc.paths[match.template]?.[method.toLowerCase()] : undefined;
    if (!match || !operation) {
      nonconformities.push({ call, problem: "no documented operation" });
      return;
    }
    checked.add(`${method} ${match.template} ${res.statusCode}`);
    const response = operation.responses[String(res.statusCode)];
    if (!response) {
      nonconformities.push({ call, problem: `status ${res.statusCode} is not documented` });
      return;
    }
    for (const name of Object.keys(response.headers ?? {})) {
      if (res.headers[name.toLowerCase()] === undefined) {
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
    const validate = compiled.get(media.schema) ?? ajv.compile(media.schema);
    compiled.set(media.schema, validate);
    if (!validate(JSON.parse(body))) {
      nonconformities.push({ call, problem: ajv.errorsText(validate.errors) });
    }
  }

  return {
    doc,
    nonconformities,
    /** `METHOD template status` of every answer checked so far. */
    checked,
    async inject(options: InjectOptions): Promise<LightMyRequestResponse> {
      const res = await app.inject(options);
      check(String(options.method ?? "GET"), String(options.url), res);
      return res;
    },
  };
}

export type ConformanceChecker = Awaited<ReturnType<typeof conformanceChecker>>;

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
