/**
 * LinkedIn URNs: `urn:li:{entityType}:{id}`. Ids are opaque strings (numeric for
 * applications and sales identities, base64-ish for messages and threads, short ids for
 * people). A URN never contains control characters or whitespace.
 */
export interface Urn {
  namespace: string;
  entityType: string;
  id: string;
}

// Ids are printable: no whitespace, no control characters (\p{Cc}).
const URN_PATTERN =
  /^urn:([a-z][a-z0-9-]{0,31}):([A-Za-z][A-Za-z0-9_]{0,63}):([^\s\p{Cc}]{1,512})$/u;

export function parseUrn(value: string): Urn | null {
  const match = URN_PATTERN.exec(value);
  if (!match) return null;
  return { namespace: match[1]!, entityType: match[2]!, id: match[3]! };
}

export function formatUrn(entityType: string, id: string): string {
  return `urn:li:${entityType}:${id}`;
}

/** The id of a `urn:li:{entityType}:…` value, or null if it is not one. */
export function urnId(value: string, entityType: string): string | null {
  const urn = parseUrn(value);
  if (urn?.namespace !== "li" || urn.entityType !== entityType) return null;
  return urn.id;
}

/**
 * The id a reference names when it may be either a bare id (`123`, `ada-lovelace`) or a
 * `urn:li:{entityType}:…` URN; any other value is returned as given, for the lookup to miss.
 */
export function idFromRef(ref: string, entityType: string): string {
  return urnId(ref, entityType) ?? ref;
}

/** The URN a reference names: a URN (any `urn:…`) as given, a bare id as `urn:li:{entityType}:{id}`. */
export function urnFromRef(ref: string, entityType: string): string {
  return ref.startsWith("urn:") ? ref : formatUrn(entityType, ref);
}

export const personUrn = (id: string) => formatUrn("person", id);
export const applicationUrn = (id: string | number) =>
  formatUrn("developerApplication", String(id));
export const salesIdentityUrn = (id: string) => formatUrn("salesIdentity", id);
export const threadUrn = (id: string) => formatUrn("messagingThread", id);
export const messageUrn = (id: string) => formatUrn("messagingMessage", id);
export const mediaAssetUrn = (id: string) => formatUrn("digitalmediaAsset", id);
