import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { AppError, notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { FaultBody } from "../faults.js";
import { IdParams } from "../schemas.js";

const JournalQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })) },
  { additionalProperties: false },
);

/** `/sandbox/faults` and `/sandbox/requests`: fault injection and the request journal. */
export async function faultRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { faults, journal } = services;

  app.post("/faults", { schema: { body: FaultBody } }, async (request, reply) => {
    if (request.body.times !== undefined && request.body.probability !== undefined) {
      throw new AppError("INVALID_BODY", 'Give "times" or "probability", not both');
    }
    return reply.code(201).send({ id: faults.add(request.body) });
  });

  app.get("/faults", async () => ({ elements: faults.list() }));

  app.delete("/faults/:id", { schema: { params: IdParams } }, async (request, reply) => {
    if (!faults.remove(request.params.id)) throw notFound(`No fault ${request.params.id}`);
    return reply.code(204).send();
  });

  app.get("/requests", { schema: { querystring: JournalQuery } }, async (request) => ({
    elements: journal.latest(Math.min(Number(request.query.limit ?? 100), 1000)),
  }));
}
