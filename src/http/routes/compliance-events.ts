import { Type } from "@sinclair/typebox";
import { findComplianceEvents } from "../../domain/events/find-events.js";
import { invalidParam } from "../../errors.js";
import { COMPLIANCE_SCOPE } from "../../oauth/scopes.js";
import { pagingEnvelope, parsePaging } from "../../restli/paging.js";
import { applyProjection, parseProjection } from "../../restli/projection.js";
import { requireMember } from "../plugins/rest-protocol.js";
import type { RestHandler } from "./rest-handler.js";

const eventPaging = { defaultCount: 10, minCount: 1, maxCount: 50, recommendedCount: 10 };

/** The `memberAndApplication` finder's parameters (spec §7; clients.md). */
export const MemberEventsParameters = Type.Object({
  startTime: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        "Inclusive lower bound on processedAt (epoch ms); older than 28 days means 28 days ago",
    }),
  ),
  endTime: Type.Optional(
    Type.Integer({ minimum: 0, description: "Exclusive upper bound on processedAt (epoch ms)" }),
  ),
  start: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: "Offset of the page" })),
  count: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 50, default: 10, description: "Page size, 1 to 50" }),
  ),
  fields: Type.Optional(
    Type.String({
      description:
        "Projection: a comma-separated list of the fields each element keeps (sent unencoded)",
    }),
  ),
});

/**
 * `GET /rest/complianceEvents?q=memberAndApplication`: the token member's events for the
 * token's application, past 28 days, ascending by processedAt then id (spec §7).
 */
export const findMemberEvents: RestHandler = async ({ request, reply, services, method }) => {
  const query = request.query as Record<string, unknown>;
  const principal = requireMember(request, COMPLIANCE_SCOPE, {
    resource: "complianceEvents",
    method,
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
};

/** Epoch milliseconds as LinkedIn's clients send them: a bare non-negative integer. */
function parseEpochMs(value: unknown, name: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || !/^\d{1,16}$/.test(value)) {
    throw invalidParam(name, `${name} must be a non-negative integer of epoch milliseconds`);
  }
  return Number(value);
}
