import { invalidParam } from "../errors.js";

/** The Rest.li protocol versions Regula speaks. */
export type ProtocolVersion = "1.0.0" | "2.0.0";

/** The Rest.li resource methods, as `X-RestLi-Method` names them in lower case. */
export type RestliMethod =
  | "get"
  | "batch_get"
  | "get_all"
  | "finder"
  | "batch_finder"
  | "create"
  | "batch_create"
  | "update"
  | "batch_update"
  | "partial_update"
  | "batch_partial_update"
  | "delete"
  | "batch_delete"
  | "action";

const RESTLI_METHODS: ReadonlySet<string> = new Set<RestliMethod>([
  "get",
  "batch_get",
  "get_all",
  "finder",
  "batch_finder",
  "create",
  "batch_create",
  "update",
  "batch_update",
  "partial_update",
  "batch_partial_update",
  "delete",
  "batch_delete",
  "action",
]);

const PROTOCOL_VERSION = /^(\d{1,4})(?:\.\d{1,4}){0,2}$/;

/**
 * Picks the protocol version to echo: `2.0.0` for any 2.x request, `1.0.0` when absent or 1.x,
 * anything else 400 (https://linkedin.github.io/rest.li/spec/protocol, "Rest.li Protocol Version").
 */
export function negotiateProtocolVersion(header: string | undefined): ProtocolVersion {
  const value = (header ?? "").trim();
  if (value === "") return "1.0.0";
  const major = PROTOCOL_VERSION.exec(value)?.[1];
  if (major !== undefined && Number(major) === 1) return "1.0.0";
  if (major !== undefined && Number(major) === 2) return "2.0.0";
  throw invalidParam(
    "X-RestLi-Protocol-Version",
    `X-RestLi-Protocol-Version must be 1.0.0 or 2.0.0; got ${JSON.stringify(value.slice(0, 20))}`,
  );
}

/**
 * Reads the optional `X-RestLi-Method` in any case (`FINDER`, `get_all`, …) as lower case;
 * an unknown method is 400 (https://linkedin.github.io/rest.li/spec/protocol, "Resource Methods").
 */
export function normalizeRestliMethod(header: string | undefined): RestliMethod | undefined {
  const value = (header ?? "").trim().toLowerCase();
  if (value === "") return undefined;
  if (isRestliMethod(value)) return value;
  throw invalidParam(
    "X-RestLi-Method",
    `X-RestLi-Method must be a Rest.li method such as finder, get, get_all, create or delete; got ${JSON.stringify(value.slice(0, 24))}`,
  );
}

function isRestliMethod(value: string): value is RestliMethod {
  return RESTLI_METHODS.has(value);
}
