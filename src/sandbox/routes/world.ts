import { Readable } from "node:stream";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { exportWorldText } from "../export-world.js";
import { replaceWorld } from "../replace-world.js";
import { SeedDocument } from "../seed-document.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const seedErrors = {
  400: "Not a valid seed document",
  404: "The seed refers to an application, member or thread it does not hold",
  409: "A duplicate in the seed (ids, tokens, codes)",
};

// A plain object, not a union with null: Ajv applies the seed's defaults (`messages: []`…)
// only outside composite schemas, and refuses to compile defaults inside one.
const ResetBody = Type.Object(
  { seed: Type.Optional(SeedDocument) },
  { additionalProperties: false },
);

const SeedResultView = Type.Object(
  {
    applications: Type.Array(
      Type.Object({
        id: Type.String(),
        clientId: Type.String(),
        clientSecret: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    members: Type.Integer(),
    authorizations: Type.Integer(),
    messages: Type.Integer(),
    events: Type.Integer(),
  },
  { additionalProperties: false },
);

const ResetView = Type.Object(
  { reset: Type.Boolean(), seeded: Type.Union([SeedResultView, Type.Null()]) },
  { additionalProperties: false },
);

/** An export of a large world is larger than an ordinary request; imports may be this big. */
export const IMPORT_BODY_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * `/sandbox/reset`, `/sandbox/import` and `/sandbox/export`: the whole world, replaced in one
 * transaction (a failure changes nothing) or streamed out as a seed document.
 */
export async function worldRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/reset",
    {
      schema: {
        ...sandboxDoc(
          "Reset the world",
          "Empties the store and applies the seed in the body, or with no body the start-up seed; one transaction, a failure changes nothing.",
        ),
        body: ResetBody,
        response: { 200: ResetView, ...sandboxErrors({ ...seedErrors, body: true }) },
      },
      // A bare POST (no body) means "re-apply the start-up seed".
      config: { optionalBody: true },
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request) => {
      const seed = request.body.seed ?? services.startupSeed;
      return { reset: true, seeded: await replaceWorld(seed, services) };
    },
  );

  app.post(
    "/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        ...sandboxDoc(
          "Import a world",
          "Replaces the world with an export (or any seed document), events as stored; nothing is captured again.",
        ),
        body: SeedDocument,
        response: { 200: ResetView, ...sandboxErrors({ ...seedErrors, body: true }) },
      },
    },
    async (request) => ({ reset: true, seeded: await replaceWorld(request.body, services) }),
  );

  app.get(
    "/export",
    {
      schema: {
        ...sandboxDoc(
          "Export the whole world",
          "A seed document (streamed): applications, members, authorizations with history, threads, messages, events as stored, token and code hashes, the clock and the id counters.",
        ),
        response: { 200: SeedDocument, ...sandboxErrors() },
      },
    },
    async (_request, reply) => {
      // A stream is sent as it is (Fastify serialises only objects); the schema documents it.
      const body = Readable.from(exportWorldText(services.store), { objectMode: false });
      return reply.type("application/json; charset=utf-8").send(body as never);
    },
  );
}
