/**
 * A Fastify route URL as an OpenAPI path template: `:id` becomes `{id}`, `::` a literal
 * colon (`/sandbox/messages::batch`), and the wildcard `*` the single path parameter the
 * route's params schema names (`/rest/memberComplianceAuthorizations/{key}`), because a
 * `{*}` template is one no client or proxy can route.
 */
export function openapiPath(url: string, params: unknown): string {
  const wildcardName = soleParamName(params) ?? "path";
  return url
    .split("::")
    .map((part) => part.replace(/:([A-Za-z0-9_]+)/g, "{$1}").replace(/\*/g, `{${wildcardName}}`))
    .join(":");
}

function soleParamName(params: unknown): string | null {
  if (typeof params !== "object" || params === null) return null;
  const properties = (params as { properties?: Record<string, unknown> }).properties;
  const names = properties ? Object.keys(properties) : [];
  return names.length === 1 ? names[0]! : null;
}
