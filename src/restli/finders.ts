import type { TObject } from "@sinclair/typebox";
import { resourceNotFound } from "../errors.js";

/**
 * One Rest.li finder: `GET /{resource}?q={name}&…`
 * (https://linkedin.github.io/rest.li/spec/protocol, "Finder"). The handler type is left to
 * the HTTP layer, which owns requests; this layer owns the lookup and its 404.
 */
export interface Finder<Handler> {
  resource: string;
  /** The value of `q`. */
  name: string;
  summary: string;
  /** The query parameters besides `q`, for the document; the handler parses them. */
  parameters: TObject;
  handler: Handler;
}

/** The finders of one resource, in table order. */
export function findersOf<Handler>(
  table: readonly Finder<Handler>[],
  resource: string,
): Finder<Handler>[] {
  return table.filter((finder) => finder.resource === resource);
}

/**
 * The finder `q` names on `resource`. An unknown finder, a repeated `q` or an empty one is
 * LinkedIn's 404 "No virtual resource found", as for an unknown resource (spec §2).
 */
export function selectFinder<Handler>(
  table: readonly Finder<Handler>[],
  resource: string,
  q: unknown,
): Finder<Handler> {
  const finder = table.find((entry) => entry.resource === resource && entry.name === q);
  if (!finder) throw resourceNotFound();
  return finder;
}
