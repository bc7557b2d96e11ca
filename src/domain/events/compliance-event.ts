import { DAY_MS } from "../../clock.js";
import { personUrn } from "../../urn.js";
import type { ComplianceEventRecord } from "./event-record.js";

/**
 * One element of `GET /rest/complianceEvents` in LinkedIn's shape (events.md). The message
 * documents are stored once as JSON text and spliced in without re-parsing.
 */
export function renderComplianceEvent(row: ComplianceEventRecord): string {
  const head = {
    id: row.id,
    owner: personUrn(row.ownerMemberId),
    actor: row.actor,
    resourceName: "messages",
    resourceId: row.messageId,
    resourceUri: `/messages/${row.messageId}`,
    method: "CREATE",
    configVersion: 1,
    activityId: row.activityId,
    activityStatus: row.activityStatus,
    capturedAt: row.capturedAt,
    processedAt: row.processedAt,
  };
  const prefix = JSON.stringify(head).slice(0, -1);
  return `${prefix},"activity":${row.activityJson},"processedActivity":${row.processedActivityJson},"siblingActivities":${row.siblingsJson},"parentSiblingActivities":[]}`;
}

/** The oldest processedAt still readable: LinkedIn keeps the past 28 days. */
export function windowStartMs(nowMs: number, retentionDays: number): number {
  return nowMs - retentionDays * DAY_MS;
}
