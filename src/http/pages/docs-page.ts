import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { renderPage } from "./layout.js";

/** The parts of an OpenAPI 3.1 document the page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: Schema;
  }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<
    string,
    { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }
  >;
}

type Schema = Record<string, unknown>;

/**
 * `GET /docs`: the OpenAPI document for people, rendered on the server as plain HTML — one
 * section per tag, one expandable entry per operation with its parameters, body and
 * responses. Nothing loads from anywhere (the pages' CSP), so it works offline.
 */
export function renderDocsPage(doc: OpenApiDocument): string {
  const tags = doc.tags ?? [];
  const sections = tags
    .map((tag) => {
      const operations = operationsTagged(doc, tag.name);
      if (operations.length === 0) return "";
      return `<h2 id="${escapeAttribute(`tag-${tag.name}`)}">${escapeHtml(tag.name)}</h2>
${tag.description ? `<p class="muted">${escapeHtml(tag.description)}</p>` : ""}
${operations.map(([method, path, op]) => renderOperation(method, path, op)).join("\n")}`;
    })
    .join("\n");
  const contents = tags
    .map((tag) => `<a href="#${escapeAttribute(`tag-${tag.name}`)}">${escapeHtml(tag.name)}</a>`)
    .join(" · ");
  return renderPage({
    title: "API documentation",
    body: `<h1>${escapeHtml(doc.info.title)} API <span class="muted">${escapeHtml(doc.info.version)}</span></h1>
${doc.info.description ? `<p>${prose(doc.info.description)}</p>` : ""}
<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). ${contents}</p>
${sections}`,
  });
}

function operationsTagged(
  doc: OpenApiDocument,
  tag: string,
): Array<[string, string, OpenApiOperation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => (op.tags ?? []).includes(tag))
      .map(([method, op]): [string, string, OpenApiOperation] => [method, path, op]),
  );
}

function renderOperation(method: string, path: string, op: OpenApiOperation): string {
  const parts = [
    op.description ? `<p>${prose(op.description)}</p>` : "",
    `<p class="muted">Authentication: ${escapeHtml(describeSecurity(op.security))}</p>`,
    renderParameters(op.parameters ?? []),
    op.requestBody ? renderBody(op.requestBody.content) : "",
    renderResponses(op.responses),
  ];
  return `<details>
<summary><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code> — ${escapeHtml(op.summary ?? "")}</summary>
${parts.join("\n")}
</details>`;
}

function describeSecurity(security: OpenApiOperation["security"]): string {
  if (!security || security.length === 0)
    return "none (OAuth clients send client_id and client_secret in the form body)";
  return security
    .map((requirement) => Object.keys(requirement).join(" + ") || "none")
    .join(", or ");
}

function renderParameters(parameters: NonNullable<OpenApiOperation["parameters"]>): string {
  if (parameters.length === 0) return "";
  const rows = parameters
    .map(
      (p) =>
        `<li><code>${escapeHtml(p.name)}</code> <span class="muted">(${escapeHtml(p.in)}, ${escapeHtml(typeOf(p.schema))}${p.required ? ", required" : ""})</span>${p.description ? ` — ${prose(p.description)}` : ""}</li>`,
    )
    .join("\n");
  return `<h3>Parameters</h3>\n<ul>\n${rows}\n</ul>`;
}

function renderBody(content: Record<string, { schema?: Schema }>): string {
  const entries = Object.entries(content)
    .map(
      ([mediaType, media]) =>
        `<p><code>${escapeHtml(mediaType)}</code></p>${media.schema ? renderProperties(media.schema) : ""}`,
    )
    .join("\n");
  return `<h3>Request body</h3>\n${entries}`;
}

function renderResponses(responses: OpenApiOperation["responses"]): string {
  const rows = Object.entries(responses)
    .map(([status, response]) => {
      const media = Object.keys(response.content ?? {});
      const headers = Object.keys(response.headers ?? {});
      return `<li><strong>${escapeHtml(status)}</strong> ${prose(response.description ?? "")}${
        media.length ? ` <span class="muted">(${escapeHtml(media.join(", "))})</span>` : ""
      }${headers.length ? `<br><span class="muted">headers: ${escapeHtml(headers.join(", "))}</span>` : ""}</li>`;
    })
    .join("\n");
  return `<h3>Responses</h3>\n<ul>\n${rows}\n</ul>`;
}

/** The top-level fields of an object schema, one line each. */
function renderProperties(schema: Schema): string {
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (!properties) return `<p class="muted">${escapeHtml(typeOf(schema))}</p>`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties)
    .map(
      ([name, property]) =>
        `<li><code>${escapeHtml(name)}</code> <span class="muted">(${escapeHtml(typeOf(property))}${required.has(name) ? ", required" : ""})</span>${typeof property.description === "string" ? ` — ${prose(property.description)}` : ""}</li>`,
    )
    .join("\n");
  return `<ul>\n${rows}\n</ul>`;
}

/** Description text (CommonMark in OpenAPI): escaped, with its `code spans` shown as code. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** A short type label: `integer`, `"a" | "b"`, `array of object`, … */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return "any";
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union) return union.map(typeOf).join(" | ");
  if (schema.type === "array") return `array of ${typeOf(schema.items as Schema | undefined)}`;
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  return "any";
}
