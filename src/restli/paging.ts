import { type InputError, invalidParam, invalidParams } from "../errors.js";

/** The page a collection request asks for. */
export interface Page {
  start: number;
  count: number;
}

/** The bounds a collection puts on `count`. */
export interface PagingLimits {
  defaultCount: number;
  minCount: number;
  maxCount: number;
  recommendedCount: number;
}

/** A Rest.li collection link. */
export interface Link {
  rel: "next" | "prev";
  type: "application/json";
  href: string;
}

/** The `paging` object of a collection response. */
export interface Paging {
  start: number;
  count: number;
  total?: number;
  links: Link[];
}

/**
 * Reads `start` (default 0, non-negative) and `count` (default, within [min, max]) from a
 * query; anything else is PARAM_INVALID naming the parameter
 * (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/pagination).
 */
export function parsePaging(query: Record<string, unknown>, limits: PagingLimits): Page {
  const problems: InputError[] = [];
  const start = readInteger(query, "start");
  if (start === null || (start !== undefined && start < 0)) {
    problems.push(paramProblem("start", "start must be a non-negative integer"));
  }
  const count = readInteger(query, "count");
  const range = `between ${limits.minCount} and ${limits.maxCount}; the recommended value is ${limits.recommendedCount}`;
  if (count === null) problems.push(paramProblem("count", `count must be an integer ${range}`));
  else if (count !== undefined && (count < limits.minCount || count > limits.maxCount)) {
    problems.push(paramProblem("count", `count must be ${range}`));
  }
  // LinkedIn reports every bad parameter at once, one inputError each.
  if (problems.length > 0) throw invalidParams(problems);
  return { start: start ?? 0, count: count ?? limits.defaultCount };
}

/**
 * Wraps a page as `{elements, paging}`: `total` only when known, a `next` link (same query,
 * `start` moved on) when more exist and a `prev` link after the first page
 * (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/pagination).
 */
export function pagingEnvelope<T>(
  elements: T[],
  page: Page,
  opts: { total?: number; hasMore: boolean; selfHref: string },
): { elements: T[]; paging: Paging } {
  const links: Link[] = [];
  if (page.start > 0) {
    const prevStart = Math.max(0, page.start - page.count);
    links.push({
      rel: "prev",
      type: "application/json",
      href: withStart(opts.selfHref, prevStart),
    });
  }
  if (opts.hasMore) {
    const nextStart = page.start + page.count;
    links.push({
      rel: "next",
      type: "application/json",
      href: withStart(opts.selfHref, nextStart),
    });
  }
  // Key order as LinkedIn prints it: start, count, total, links.
  const paging: Paging =
    opts.total === undefined
      ? { start: page.start, count: page.count, links }
      : { start: page.start, count: page.count, total: opts.total, links };
  return { elements, paging };
}

/**
 * One integer query parameter: undefined when absent, null when present but not an integer.
 * Repeated parameters are refused outright: LinkedIn answers them with 400 too.
 */
function readInteger(query: Record<string, unknown>, name: string): number | null | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw invalidParam(name, `${name} must be given once`);
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== "string" || !/^-?\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function paramProblem(fieldPath: string, description: string): InputError {
  return { fieldPath, description, code: "PARAM_INVALID" };
}

/** The request's own path and query with `start` set to `start` (in place, or appended). */
function withStart(selfHref: string, start: number): string {
  const queryAt = selfHref.indexOf("?");
  const path = queryAt === -1 ? selfHref : selfHref.slice(0, queryAt);
  const query = queryAt === -1 ? "" : selfHref.slice(queryAt + 1);
  const pairs: string[] = [];
  let placed = false;
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    if (paramName(pair) !== "start") pairs.push(pair);
    else if (!placed) {
      pairs.push(`start=${start}`);
      placed = true;
    }
  }
  if (!placed) pairs.push(`start=${start}`);
  return `${path}?${pairs.join("&")}`;
}

function paramName(pair: string): string {
  const name = pair.split("=", 1)[0]!;
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}
