import { AppError, isAppError } from "../errors.js";

/**
 * Rest.li compound keys (https://linkedin.github.io/rest.li/spec/protocol, "Rest.li Protocol 2.0
 * Object and List/Array Representation"). A key travels in three spellings:
 *
 * - URL (a path segment or `Location`): `(name:encoded(value),…)`, values percent-encoded
 *   with `,()':` escaped too, so the parentheses, commas and name colons stay structural;
 * - reduced (the `x-restli-id` header): the same, but only `%,()':` are escaped;
 * - Rest.li 1.0, still printed in LinkedIn's docs: `name=value&name=value`.
 *
 * Real clients also percent-encode the whole segment, or leave colons raw inside values;
 * `parseCompoundKey` accepts all of these and answers anything else with INVALID_KEY.
 */

const REDUCED_RESERVED = /[%,()':]/g;
const URL_EXTRA_RESERVED = /['()]/g;
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// Rest.li 2.0 writes the empty string as two single quotes.
const EMPTY_STRING = "''";

/** Rest.li 2.0 string encoding: `url` is encoded(v), `reduced` is reducedEncoded(v) (Rest.li protocol spec). */
export function encodeRestliString(value: string, encoding: "url" | "reduced" = "url"): string {
  if (value === "") return EMPTY_STRING;
  if (encoding === "reduced") return value.replace(REDUCED_RESERVED, escapeChar);
  // encodeURIComponent leaves `'()` alone; Rest.li 2.0 reserves them. It throws on a lone
  // surrogate, which no URN holds: that is a bug upstream, not client input.
  return encodeURIComponent(value).replace(URL_EXTRA_RESERVED, escapeChar);
}

/** Decodes a Rest.li 2.0 string in either encoding (`''` is the empty string); null if malformed (Rest.li protocol spec). */
export function decodeRestliString(value: string): string | null {
  if (value === EMPTY_STRING) return "";
  return percentDecode(value);
}

/** Encodes a compound key for `x-restli-id`: Rest.li 2.0 reduced encoding, only `%,()':` escaped (Rest.li protocol spec). */
export function encodeCompoundKeyReduced(
  entries: ReadonlyArray<readonly [string, string]>,
): string {
  return encodeEntries(entries, "reduced");
}

/** Encodes a compound key as one URL path segment (path, `Location`): Rest.li 2.0 URL encoding (Rest.li protocol spec). */
export function encodeCompoundKeyForUrl(entries: ReadonlyArray<readonly [string, string]>): string {
  return encodeEntries(entries, "url");
}

/** Decodes a reduced-encoded compound key such as an `x-restli-id` header, any key names (Rest.li protocol spec). */
export function decodeCompoundKeyReduced(encoded: string): Record<string, string> {
  return guarded(() => {
    if (!encoded.startsWith("(")) throw invalidKey("A compound key starts with '('");
    return collectEntries(splitRestli2(encoded), null, decodeRestliString);
  });
}

/**
 * Parses a compound key from a RAW path segment, in Rest.li 2.0 (URL, reduced, raw colons,
 * fully percent-encoded) or 1.0 form, in any key order; anything else is INVALID_KEY
 * (https://linkedin.github.io/rest.li/spec/protocol, "Compound key" and "Association key").
 */
export function parseCompoundKey(
  rawSegment: string,
  keyNames: readonly string[],
): Record<string, string> {
  return guarded(() => parseWithFallback(rawSegment, keyNames));
}

/**
 * Parses the segment as written; if that fails and the segment carries escapes, the client
 * may have percent-encoded the whole key (`%28…%29`, `%3D`, `%26`), so decode once and retry.
 */
function parseWithFallback(raw: string, keyNames: readonly string[]): Record<string, string> {
  if (typeof raw !== "string" || raw === "") throw invalidKey("The key is empty");
  if (MALFORMED_ESCAPE.test(raw)) {
    throw invalidKey(
      "The key has a malformed percent-escape: '%' must be followed by two hex digits",
    );
  }
  try {
    return parseKeyForm(raw, keyNames);
  } catch (firstError) {
    if (!raw.includes("%")) throw firstError;
    const decoded = percentDecode(raw);
    if (decoded === null) throw invalidKey("The key's percent-escapes do not decode to UTF-8 text");
    try {
      return parseKeyForm(decoded, keyNames);
    } catch (secondError) {
      // Report against the form the client evidently meant.
      throw isStructureEncoded(raw) ? secondError : firstError;
    }
  }
}

function parseKeyForm(text: string, keyNames: readonly string[]): Record<string, string> {
  if (text.startsWith("(")) return collectEntries(splitRestli2(text), keyNames, decodeRestliString);
  if (text.includes("=")) return collectEntries(splitRestli1(text), keyNames, percentDecode);
  const shape2 = keyNames.map((name) => `${name}:…`).join(",");
  const shape1 = keyNames.map((name) => `${name}=…`).join("&");
  throw invalidKey(`The key must be written (${shape2}) or ${shape1}`);
}

/** Splits `(a:b,c:d)` into raw name/value pairs; values may hold raw colons, never parentheses. */
function splitRestli2(text: string): Array<[string, string]> {
  const closeAt = matchingClose(text);
  if (closeAt !== text.length - 1) {
    throw invalidKey(
      `The key has unexpected characters after its closing ')': ${quote(text.slice(closeAt + 1))}`,
    );
  }
  const inner = text.slice(1, -1);
  if (inner.includes("(") || inner.includes(")")) {
    throw invalidKey("The key holds a nested Rest.li structure; each value must be a plain string");
  }
  if (inner === "") throw invalidKey("The key is empty: ()");
  return inner.split(",").map((part) => splitPart(part, ":"));
}

/** Index of the ')' closing the '(' at index 0; INVALID_KEY when the parentheses do not balance. */
function matchingClose(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "(") depth++;
    else if (char === ")") {
      depth--;
      if (depth === 0) {
        if (countOf(text, "(") !== countOf(text, ")")) break;
        return i;
      }
    }
  }
  throw invalidKey("The key has unbalanced parentheses");
}

function splitRestli1(text: string): Array<[string, string]> {
  return text.split("&").map((part) => splitPart(part, "="));
}

/** Splits one `name<sep>value` part at the FIRST separator, so values keep their own colons. */
function splitPart(part: string, separator: string): [string, string] {
  if (part === "") throw invalidKey("The key has an empty part (a doubled or trailing separator)");
  const at = part.indexOf(separator);
  if (at === -1)
    throw invalidKey(`The key part ${quote(part)} has no '${separator}' between name and value`);
  return [part.slice(0, at), part.slice(at + 1)];
}

/**
 * Decodes names and values and checks them against `keyNames` (null accepts any name):
 * every name known, none twice, none missing, no value empty.
 */
function collectEntries(
  pairs: ReadonlyArray<[string, string]>,
  keyNames: readonly string[] | null,
  decodeValue: (raw: string) => string | null,
): Record<string, string> {
  const found = new Map<string, string>();
  for (const [rawName, rawValue] of pairs) {
    const name = percentDecode(rawName);
    if (name === null)
      throw invalidKey(`The key name ${quote(rawName)} is not valid percent-encoding`);
    if (name === "") throw invalidKey("The key has a part with an empty name");
    if (keyNames !== null && !keyNames.includes(name)) {
      throw invalidKey(`Unknown key name ${quote(name)}; the key takes ${keyNames.join(" and ")}`);
    }
    if (found.has(name)) throw invalidKey(`The key name ${quote(name)} appears twice`);
    const value = decodeValue(rawValue);
    if (value === null)
      throw invalidKey(`The value of ${quote(name)} is not valid percent-encoding`);
    if (value === "") throw invalidKey(`The value of ${quote(name)} is empty`);
    found.set(name, value);
  }
  if (keyNames === null) return Object.fromEntries(found);
  const missing = keyNames.filter((name) => !found.has(name));
  if (missing.length > 0)
    throw invalidKey(`The key is missing ${missing.map(quote).join(" and ")}`);
  // Canonical order, whatever order the client wrote.
  return Object.fromEntries(keyNames.map((name) => [name, found.get(name)!]));
}

function encodeEntries(
  entries: ReadonlyArray<readonly [string, string]>,
  encoding: "url" | "reduced",
): string {
  const parts = entries.map(
    ([name, value]) =>
      `${encodeRestliString(name, encoding)}:${encodeRestliString(value, encoding)}`,
  );
  return `(${parts.join(",")})`;
}

/** True when the segment's structure itself is escaped: no literal '(' to open it, no literal '='. */
function isStructureEncoded(raw: string): boolean {
  return !raw.startsWith("(") && !raw.includes("=");
}

/** Percent-decodes; null for a stray '%' or escapes that are not UTF-8. Never throws. */
function percentDecode(value: string): string | null {
  if (!value.includes("%")) return value;
  if (MALFORMED_ESCAPE.test(value)) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function escapeChar(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (const c of text) if (c === char) count++;
  return count;
}

/** Quotes client input for a message, cut short so a huge key stays out of the response. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function invalidKey(message: string, cause?: unknown): AppError {
  return new AppError("INVALID_KEY", message, { cause });
}

/** Runs a key parser so that only INVALID_KEY ever escapes, whatever the input. */
function guarded<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_KEY") throw error;
    throw invalidKey("The key could not be parsed", error);
  }
}
