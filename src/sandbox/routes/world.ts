import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { applySeed, checkSeedReferences, exportWorld } from "../apply-seed.js";
import { SeedDocument } from "../seed-document.js";

// A plain object, not a union with null: Ajv applies the seed's defaults (`messages: []`…)
// only outside composite schemas, and refuses to compile defaults inside one.
const ResetBody = Type.Object(
  { seed: Type.Optional(SeedDocument) },
  { additionalProperties: false },
);

/** `/sandbox/reset` and `/sandbox/export`: the whole world, emptied, re-seeded or exported. */
export async function worldRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/reset",
    {
      schema: { body: ResetBody },
      // A bare POST (no body) means "re-apply the start-up seed".
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request) => {
      const seed = request.body.seed ?? services.startupSeed;
      if (seed) checkSeedReferences(seed);
      await services.store.resetWorld();
      services.faults.clear();
      services.journal.clear();
      services.served.clear();
      await services.clock.load();
      const result = seed ? await applySeed(seed, services) : null;
      return { reset: true, seeded: result };
    },
  );

  app.get("/export", async () => exportWorld(services.store));
}
