import { type TSchema, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { findersOf, selectFinder } from "../../restli/finders.js";
import type { Services } from "../../services.js";
import {
  restErrorResponse,
  restErrorResponses,
  restRequestHeaders,
  restResponseHeaders,
} from "../schemas/restli-schemas.js";
import { type RestCollection, restCollections, restFinders } from "./rest-finders.js";

/**
 * `GET /{resource}` for every collection of the finder table: `q` picks the finder (an
 * unknown one is 404 before any permission check, LinkedIn's order), no `q` the bare GET
 * where the resource has one. The query schema documents the finders' parameters; the
 * handlers parse them Rest.li-style (the /rest scope does not let Fastify validate).
 */
export async function restCollectionRoutes(app: FastifyInstance, services: Services) {
  const versioned = app.prefix === "/rest";
  for (const collection of restCollections) {
    app.get(
      `/${collection.resource}`,
      { schema: collectionSchema(collection, versioned) },
      async (request, reply) => {
        const q = (request.query as Record<string, unknown>).q;
        if (q === undefined && collection.getAll) {
          return collection.getAll({ request, reply, services, method: "GET_ALL" });
        }
        const finder = selectFinder(restFinders, collection.resource, q);
        return finder.handler({ request, reply, services, method: `FINDER-${finder.name}` });
      },
    );
  }
}

function collectionSchema(collection: RestCollection, versioned: boolean) {
  const finders = findersOf(restFinders, collection.resource);
  const names = finders.map((finder) => Type.Literal(finder.name));
  const q = Type.Union(names, {
    description: finders.map((finder) => `\`${finder.name}\`: ${finder.summary}`).join("; "),
  });
  const parameters: Record<string, TSchema> = {};
  for (const finder of finders) Object.assign(parameters, finder.parameters.properties);
  return {
    tags: ["compliance"],
    summary: collection.summary,
    description: collection.description,
    security: [{ memberToken: [] }],
    headers: restRequestHeaders(versioned),
    querystring: Type.Object({ q: collection.getAll ? Type.Optional(q) : q, ...parameters }),
    response: {
      200: Type.Object(collection.page.properties, {
        description: "One page of the collection",
        headers: restResponseHeaders,
      }),
      ...restErrorResponses(versioned),
      404: restErrorResponse("Unknown finder (`q`), or no `q` where the resource needs one"),
    },
  };
}
