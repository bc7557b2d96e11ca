import { invalidParam } from "../errors.js";

/** The fields to keep: `true` keeps a field whole, a nested projection trims it further. */
export type Projection = ReadonlyMap<string, Projection | true>;

const MAX_DEPTH = 16;
const NAME = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const SYNTAX =
  "fields must be a comma-separated list of field names, with nested fields written name:(a,b)";

/**
 * Parses `fields=a,b,activity:(id,thread)`; absent gives null, anything malformed is
 * PARAM_INVALID `fields` (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/projections).
 */
export function parseProjection(fields: unknown): Projection | null {
  if (fields === undefined) return null;
  if (Array.isArray(fields)) throw invalidParam("fields", "fields must be given once");
  if (typeof fields !== "string" || fields === "") throw invalidParam("fields", SYNTAX);
  const parser = { text: fields, at: 0 };
  const projection = parseList(parser, 0);
  if (parser.at !== fields.length) throw syntaxError(parser);
  return projection;
}

/**
 * Keeps only the projected fields of an element, recursing into nested objects and arrays of
 * objects; absent fields stay absent (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/projections).
 */
export function applyProjection(
  element: Record<string, unknown>,
  projection: Projection,
): Record<string, unknown> {
  const kept: Array<[string, unknown]> = [];
  // Element order, not projection order, so a trimmed element reads like the full one.
  for (const [name, value] of Object.entries(element)) {
    const sub = projection.get(name);
    if (sub === undefined) continue;
    kept.push([name, sub === true ? value : projectValue(value, sub)]);
  }
  // fromEntries defines own properties, so a field named __proto__ stays a plain field.
  return Object.fromEntries(kept);
}

function projectValue(value: unknown, projection: Projection): unknown {
  if (Array.isArray(value)) return value.map((item) => projectValue(item, projection));
  if (isPlainObject(value)) return applyProjection(value, projection);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

interface Parser {
  text: string;
  at: number;
}

/** list := item (',' item)* ; item := name (':(' list ')')? */
function parseList(parser: Parser, depth: number): Projection {
  if (depth > MAX_DEPTH)
    throw invalidParam("fields", `fields nests deeper than ${MAX_DEPTH} levels`);
  const fields = new Map<string, Projection | true>();
  for (;;) {
    const name = readName(parser);
    let sub: Projection | true = true;
    if (parser.text.startsWith(":(", parser.at)) {
      parser.at += 2;
      sub = parseList(parser, depth + 1);
      if (parser.text[parser.at] !== ")") throw syntaxError(parser);
      parser.at += 1;
    }
    addField(fields, name, sub);
    if (parser.text[parser.at] !== ",") return fields;
    parser.at += 1;
  }
}

function readName(parser: Parser): string {
  NAME.lastIndex = parser.at;
  const match = NAME.exec(parser.text);
  if (!match) throw syntaxError(parser);
  parser.at = NAME.lastIndex;
  return match[0];
}

/** Repeating a field merges: whole wins over nested, nested lists are united. */
function addField(
  fields: Map<string, Projection | true>,
  name: string,
  sub: Projection | true,
): void {
  const existing = fields.get(name);
  if (existing === undefined) fields.set(name, sub);
  else if (existing === true || sub === true) fields.set(name, true);
  else {
    const merged = new Map(existing);
    for (const [childName, childSub] of sub) addField(merged, childName, childSub);
    fields.set(name, merged);
  }
}

function syntaxError(parser: Parser): never {
  throw invalidParam("fields", `${SYNTAX}; unexpected input at position ${parser.at}`);
}
