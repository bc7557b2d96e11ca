import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { DAY_MS } from "../../clock.js";
import { windowStartMs } from "../../domain/events/compliance-event.js";
import type { Services } from "../../services.js";
import { personUrn } from "../../urn.js";
import { findApplicationByRef } from "../find-by-ref.js";
import { CoverageView, elementList, ObservedRequestView } from "../view-schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

export const CoverageQuery = Type.Object(
  {
    application: Type.String({ minLength: 1, maxLength: 200 }),
    /** `true`: list every event with its first-served time (what certification reads). */
    events: Type.Optional(Type.Union([Type.Literal("true"), Type.Literal("false")])),
  },
  { additionalProperties: false },
);

const RequestsQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ pattern: "^[0-9]{1,15}$" })),
    limit: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })),
  },
  { additionalProperties: false },
);

const SCAN_PAGE = 1000;

interface CoverageEvent {
  id: number;
  processedAt: number;
  firstServedAt: number | null;
  stored: boolean;
}

/**
 * `GET /sandbox/coverage?application=ID`: per member, how much of what was captured the
 * Events API has actually served (this process's record of it), and how close the oldest
 * unserved event is to leaving the 28-day window. For archivers that cannot show their own
 * output. `GET /sandbox/coverage/requests` lists the observed `/rest` and `/oauth` calls.
 */
export async function coverageRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store, clock, served, config } = services;

  app.get(
    "/coverage",
    {
      schema: {
        ...sandboxDoc(
          "How much of what was captured the Events API served",
          "Per member: captured, in the window, served at least once, never served, aged out unserved, and the age of the oldest unserved event (this process's record).",
        ),
        querystring: CoverageQuery,
        response: {
          200: CoverageView,
          ...sandboxErrors({ 400: "A bad parameter", 404: "No such application" }),
        },
      },
    },
    async (request) => {
      const application = await findApplicationByRef(store, request.query.application);
      const now = clock.nowMs();
      const windowStart = windowStartMs(now, config.eventRetentionDays);
      const members = [];
      for (const member of await store.members.list()) {
        const events = await memberEvents(services, application.id, member.id);
        if (events.length === 0) continue;
        let inWindow = 0;
        let servedCount = 0;
        let agedOutUnserved = 0;
        let oldestUnserved: number | null = null;
        for (const event of events) {
          const visible = event.processedAt >= windowStart;
          if (visible) inWindow += 1;
          if (event.firstServedAt !== null) servedCount += 1;
          else if (!visible) agedOutUnserved += 1;
          else if (oldestUnserved === null || event.processedAt < oldestUnserved)
            oldestUnserved = event.processedAt;
        }
        const oldestUnservedAgeMs = oldestUnserved === null ? null : now - oldestUnserved;
        members.push({
          member: personUrn(member.id),
          captured: events.length,
          inWindow,
          served: servedCount,
          neverServed: events.length - servedCount,
          agedOutUnserved,
          oldestUnservedAgeMs,
          daysUntilWindowCloses:
            oldestUnserved === null ? null : Math.max(0, (oldestUnserved - windowStart) / DAY_MS),
          ...(request.query.events === "true" ? { events } : {}),
        });
      }
      return {
        application: application.id,
        now,
        windowStart,
        retentionDays: config.eventRetentionDays,
        truncated: served.truncated,
        members,
      };
    },
  );

  app.get(
    "/coverage/requests",
    {
      schema: {
        ...sandboxDoc(
          "The observed /rest and /oauth calls",
          "In arrival order after `after` (a `seq`), for certification.",
        ),
        querystring: RequestsQuery,
        response: {
          200: elementList(ObservedRequestView),
          ...sandboxErrors({ 400: "A bad parameter" }),
        },
      },
    },
    async (request) => ({
      elements: served.requestsAfter(
        Number(request.query.after ?? 0),
        Number(request.query.limit ?? 5000),
      ),
    }),
  );
}

/**
 * Every event of the stream this process knows of: still stored (including aged-out ones the
 * purge has not reached), served before, or seen unserved by an earlier scan.
 */
async function memberEvents(
  services: Services,
  applicationId: string,
  memberId: string,
): Promise<CoverageEvent[]> {
  const { store, served } = services;
  const servedMap = served.servedFor(applicationId, memberId);
  const byId = new Map<number, CoverageEvent>();
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const { rows, hasMore } = await store.messaging.findEvents({
      applicationId,
      ownerMemberId: memberId,
      fromMs: 0,
      toMs: null,
      offset,
      limit: SCAN_PAGE,
    });
    for (const row of rows) {
      const firstServedAt = servedMap.get(row.id)?.firstServedAt ?? null;
      byId.set(row.id, { id: row.id, processedAt: row.processedAt, firstServedAt, stored: true });
      if (firstServedAt === null)
        served.unserved.remember(applicationId, memberId, row.id, row.processedAt);
      else served.unserved.forget(applicationId, memberId, row.id);
    }
    if (!hasMore) break;
  }
  for (const event of servedMap.values()) {
    if (!byId.has(event.id)) {
      byId.set(event.id, {
        id: event.id,
        processedAt: event.processedAt,
        firstServedAt: event.firstServedAt,
        stored: false,
      });
    }
  }
  for (const [id, processedAt] of served.unserved.of(applicationId, memberId)) {
    if (byId.has(id)) continue;
    const firstServedAt = servedMap.get(id)?.firstServedAt ?? null;
    byId.set(id, { id, processedAt, firstServedAt, stored: false });
  }
  return [...byId.values()].sort((a, b) => a.processedAt - b.processedAt || a.id - b.id);
}
