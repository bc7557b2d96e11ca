import type { FastifyInstance } from "fastify";
import { findComplianceEvents } from "../../domain/events/find-events.js";
import { invalidParam, resourceNotFound } from "../../errors.js";
import { COMPLIANCE_SCOPE } from "../../oauth/scopes.js";
import { pagingEnvelope, parsePaging } from "../../restli/paging.js";
import { applyProjection, parseProjection } from "../../restli/projection.js";
import type { Services } from "../../services.js";
import { requireMember } from "../plugins/rest-protocol.js";

const FINDER = "memberAndApplication";
const eventPaging = { defaultCount: 10, minCount: 1, maxCount: 50, recommendedCount: 10 };

/**
 * `GET /rest/complianceEvents?q=memberAndApplication`: the token member's events for the
 * token's application, past 28 days, ascending by processedAt then id (spec §7).
 */
export async function complianceEventsResource(
  app: FastifyInstance,
  services: Services,
): Promise<void> {
  app.get("/complianceEvents", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (query.q !== FINDER) throw resourceNotFound();
    const principal = requireMember(request, COMPLIANCE_SCOPE, {
      resource: "complianceEvents",
      method: `FINDER-${FINDER}`,
    });
    const page = parsePaging(query, eventPaging);
    const startTimeMs = parseEpochMs(query.startTime, "startTime");
    const endTimeMs = parseEpochMs(query.endTime, "endTime");
    const projection = parseProjection(query.fields);
    const { elements, hasMore, rows } = await findComplianceEvents(
      {
        applicationId: principal.application.id,
        memberId: principal.member.id,
        startTimeMs,
        endTimeMs,
        start: page.start,
        count: page.count,
      },
      {
        store: services.store,
        clock: services.clock,
        retentionDays: services.config.eventRetentionDays,
      },
    );
    // What was served feeds /sandbox/coverage and certification (an in-memory map insert).
    services.served.recordServed(
      principal.application.id,
      principal.member.id,
      rows,
      services.clock.nowMs(),
    );
    const rendered = projection
      ? elements.map((e) =>
          JSON.stringify(applyProjection(JSON.parse(e) as Record<string, unknown>, projection)),
        )
      : elements;
    const { paging } = pagingEnvelope(rendered, page, { hasMore, selfHref: request.url });
    return reply
      .type("application/json")
      .send(`{"elements":[${rendered.join(",")}],"paging":${JSON.stringify(paging)}}`);
  });
}

/** Epoch milliseconds as LinkedIn's clients send them: a bare non-negative integer. */
function parseEpochMs(value: unknown, name: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || !/^\d{1,16}$/.test(value)) {
    throw invalidParam(name, `${name} must be a non-negative integer of epoch milliseconds`);
  }
  return Number(value);
}
