import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { AppError, notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { FaultBody } from "../faults.js";
import { IdParams } from "../schemas.js";
import { elementList, FaultCreated, FaultView, JournalEntryView } from "../view-schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const JournalQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })) },
  { additionalProperties: false },
);

/** `/sandbox/faults` and `/sandbox/requests`: fault injection and the request journal. */
export async function faultRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { faults, journal } = services;

  app.post(
    "/faults",
    {
      schema: {
        ...sandboxDoc(
          "Add a fault",
          "Makes matching /rest, /v2 and /oauth calls answer a status (with Retry-After) or wait; `times` counts down, `probability` draws from a PRNG seeded by `seed`. Faults are tried in order of creation.",
        ),
        body: FaultBody,
        response: {
          201: FaultCreated,
          ...sandboxErrors({
            body: true,
            400: 'An invalid field, or both "times" and "probability"',
          }),
        },
      },
    },
    async (request, reply) => {
      if (request.body.times !== undefined && request.body.probability !== undefined) {
        throw new AppError("INVALID_BODY", 'Give "times" or "probability", not both');
      }
      return reply.code(201).send({ id: faults.add(request.body) });
    },
  );

  app.get(
    "/faults",
    {
      schema: {
        ...sandboxDoc("List the faults", "With their firings so far and what is left."),
        response: { 200: elementList(FaultView), ...sandboxErrors() },
      },
    },
    async () => ({ elements: faults.list() }),
  );

  app.delete(
    "/faults/:id",
    {
      schema: {
        ...sandboxDoc("Remove a fault", "Matching calls are answered normally again at once."),
        params: IdParams,
        response: {
          204: Type.Null({ description: "Removed" }),
          ...sandboxErrors({ 404: "No fault with this id" }),
        },
      },
    },
    async (request, reply) => {
      if (!faults.remove(request.params.id)) throw notFound(`No fault ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/requests",
    {
      schema: {
        ...sandboxDoc(
          "The request journal",
          "The latest answered /rest, /v2 and /oauth calls, newest first; never tokens or secrets.",
        ),
        querystring: JournalQuery,
        response: {
          200: elementList(JournalEntryView),
          ...sandboxErrors({ 400: "A bad limit" }),
        },
      },
    },
    async (request) => ({
      elements: journal.latest(Math.min(Number(request.query.limit ?? 100), 1000)),
    }),
  );
}
