import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { notFound } from "../../errors.js";
import type { Services } from "../../services.js";

const SnapshotName = Type.String({ pattern: "^[A-Za-z0-9_.-]{1,100}$" });
const NameParams = Type.Object({ name: SnapshotName });

const SnapshotView = Type.Object({
  name: Type.String(),
  createdAt: Type.Integer({ description: "Virtual time the snapshot was taken (epoch ms)" }),
  messages: Type.Integer(),
  events: Type.Integer(),
});

/**
 * Named snapshots of the world, kept in the store (they survive resets and restarts). Taking
 * and restoring one are copies inside the database, cheap enough between test cases;
 * restoring is all or nothing, clock and id counters included.
 */
export async function snapshotRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const snapshots = services.store.world.snapshots;

  app.post(
    "/snapshots",
    {
      schema: {
        body: Type.Object({ name: SnapshotName }, { additionalProperties: false }),
        response: { 201: SnapshotView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await snapshots.create(request.body.name, services.clock.nowMs())),
  );

  app.get(
    "/snapshots",
    { schema: { response: { 200: Type.Object({ elements: Type.Array(SnapshotView) }) } } },
    async () => ({ elements: await snapshots.list() }),
  );

  app.post(
    "/snapshots/:name/restore",
    { schema: { params: NameParams, response: { 200: SnapshotView } } },
    async (request) => {
      const restored = await snapshots.restore(request.params.name);
      if (!restored) throw notFound(`No snapshot ${request.params.name}`);
      // Faults and the journal live in this process; the clock is the snapshot's.
      services.faults.clear();
      services.journal.clear();
      await services.clock.load();
      return restored;
    },
  );

  app.delete(
    "/snapshots/:name",
    { schema: { params: NameParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await snapshots.delete(request.params.name)))
        throw notFound(`No snapshot ${request.params.name}`);
      return reply.code(204).send(null);
    },
  );
}
