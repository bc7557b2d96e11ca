import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { SnapshotView } from "../view-schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const SnapshotName = Type.String({ pattern: "^[A-Za-z0-9_.-]{1,100}$" });
const NameParams = Type.Object({ name: SnapshotName });
const noSnapshot = { 400: "An invalid name", 404: "No snapshot with this name" };

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
        ...sandboxDoc("Take a named snapshot of the world", "A copy inside the store."),
        body: Type.Object({ name: SnapshotName }, { additionalProperties: false }),
        response: {
          201: SnapshotView,
          ...sandboxErrors({ body: true, 400: "An invalid name", 409: "The name is taken" }),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await snapshots.create(request.body.name, services.clock.nowMs())),
  );

  app.get(
    "/snapshots",
    {
      schema: {
        ...sandboxDoc("List the snapshots", "Kept in the store: they survive resets and restarts."),
        response: {
          200: Type.Object({ elements: Type.Array(SnapshotView) }),
          ...sandboxErrors(),
        },
      },
    },
    async () => ({ elements: await snapshots.list() }),
  );

  app.post(
    "/snapshots/:name/restore",
    {
      schema: {
        ...sandboxDoc(
          "Restore a snapshot",
          "All or nothing, clock and id counters included; faults and the journal are cleared.",
        ),
        params: NameParams,
        response: { 200: SnapshotView, ...sandboxErrors(noSnapshot) },
      },
    },
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
    {
      schema: {
        ...sandboxDoc("Delete a snapshot", "The world itself is not touched."),
        params: NameParams,
        response: { 204: Type.Null({ description: "Deleted" }), ...sandboxErrors(noSnapshot) },
      },
    },
    async (request, reply) => {
      if (!(await snapshots.delete(request.params.name)))
        throw notFound(`No snapshot ${request.params.name}`);
      return reply.code(204).send(null);
    },
  );
}
