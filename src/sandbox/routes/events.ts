import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { findComplianceEventStream } from "../../domain/events/find-latest-events.js";
import type { Services } from "../../services.js";
import { findApplicationByRef, findMemberByRef } from "../find-by-ref.js";
import { EventStream } from "../view-schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const Ref = Type.String({ minLength: 1, maxLength: 200 });

export const EventStreamQuery = Type.Object(
  {
    application: Ref,
    member: Ref,
    limit: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })),
    start: Type.Optional(Type.String({ pattern: "^(0|[1-9][0-9]{0,8})$" })),
  },
  { additionalProperties: false },
);

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * `GET /sandbox/events?application=ID&member=ID&limit=N[&start=S]`: the compliance events of
 * one (application, member) as the console's live stream: the newest `limit` (newest last;
 * `hasMore` says older ones were left out), or with `start` the `limit` events from that
 * offset, oldest first (`hasMore` says newer ones follow). `total` counts the whole stream
 * and `start` is the offset of the first element. The records and the 28-day window are
 * those of `GET /rest/complianceEvents`; no token is needed.
 */
export async function eventRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/events",
    {
      schema: {
        ...sandboxDoc(
          "One member's compliance events for one application (the console's live stream)",
          "The newest `limit` (newest last; `hasMore`: older ones were left out), or with `start` the `limit` events from that offset, oldest first. The records and the 28-day window of GET /rest/complianceEvents; no token needed.",
        ),
        querystring: EventStreamQuery,
        response: {
          200: EventStream,
          ...sandboxErrors({ 400: "A bad parameter", 404: "No such application or member" }),
        },
      },
    },
    async (request, reply) => {
      const application = await findApplicationByRef(services.store, request.query.application);
      const member = await findMemberByRef(services.store, request.query.member);
      const limit = Math.min(Number(request.query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
      const start = request.query.start === undefined ? null : Number(request.query.start);
      const page = await findComplianceEventStream(
        { applicationId: application.id, memberId: member.id, limit, start },
        {
          store: services.store,
          clock: services.clock,
          retentionDays: services.config.eventRetentionDays,
        },
      );
      // The records are stored as JSON text and spliced in, as the Events API does.
      return reply
        .type("application/json")
        .send(
          `{"elements":[${page.elements.join(",")}],"hasMore":${page.hasMore},` +
            `"windowStart":${page.windowStartMs},"total":${page.total},"start":${page.start}}`,
        );
    },
  );
}
