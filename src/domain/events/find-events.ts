import type { Clock } from "../../clock.js";
import type { EventRow } from "../../store/messaging-store.js";
import type { Store } from "../../store/store.js";
import { renderComplianceEvent, windowStartMs } from "./compliance-event.js";

export interface EventsRequest {
  applicationId: string;
  memberId: string;
  /** Inclusive; older than the window means "the start of the window". */
  startTimeMs: number | null;
  /** Exclusive. */
  endTimeMs: number | null;
  start: number;
  count: number;
}

/**
 * The member's events for the application, past 28 days only, ascending by (processedAt, id),
 * so that `start` paging is stable while new events arrive at the end. Rendered as JSON text.
 */
export async function findComplianceEvents(
  request: EventsRequest,
  deps: { store: Store; clock: Clock; retentionDays: number },
): Promise<{ elements: string[]; hasMore: boolean; rows: readonly EventRow[] }> {
  const fromMs = Math.max(
    request.startTimeMs ?? 0,
    windowStartMs(deps.clock.nowMs(), deps.retentionDays),
  );
  const { rows, hasMore } = await deps.store.messaging.findEvents({
    applicationId: request.applicationId,
    ownerMemberId: request.memberId,
    fromMs,
    toMs: request.endTimeMs,
    offset: request.start,
    limit: request.count,
  });
  return { elements: rows.map(renderComplianceEvent), hasMore, rows };
}

/** Deletes events that have aged out of the window; returns how many. */
export async function purgeExpiredEvents(deps: {
  store: Store;
  clock: Clock;
  retentionDays: number;
}): Promise<number> {
  return deps.store.messaging.purgeEventsBefore(
    windowStartMs(deps.clock.nowMs(), deps.retentionDays),
  );
}
