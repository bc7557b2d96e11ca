/**
 * The Rest.li protocol layer: version header, protocol headers, compound keys, query
 * tunneling, paging, projections and error bodies. Pure functions; no HTTP framework.
 */
export { RESTLI_ERROR_HEADER, restliErrorBody } from "./error-body.js";
export {
  decodeCompoundKeyReduced,
  decodeRestliString,
  encodeCompoundKeyForUrl,
  encodeCompoundKeyReduced,
  encodeRestliString,
  parseCompoundKey,
} from "./keys.js";
export {
  type Link,
  type Page,
  type Paging,
  type PagingLimits,
  pagingEnvelope,
  parsePaging,
} from "./paging.js";
export { applyProjection, type Projection, parseProjection } from "./projection.js";
export {
  negotiateProtocolVersion,
  normalizeRestliMethod,
  type ProtocolVersion,
  type RestliMethod,
} from "./protocol.js";
export { resolveTunnel, type TunneledRequest, type TunnelInput } from "./tunneling.js";
export { type ApiVersion, parseActiveVersions, parseApiVersion } from "./version.js";
