import type { Clock } from "../../clock.js";
import type { Store } from "../../store/store.js";
import { renderComplianceEvent, windowStartMs } from "./compliance-event.js";

export interface EventStreamPage {
  elements: string[];
  hasMore: boolean;
  windowStartMs: number;
  /** Every event of the stream in the window now, shown or not. */
  total: number;
  /** Offset of the first element in the stream, oldest first. */
  start: number;
}

/**
 * A page of one member's event stream for an application, in the same record as
 * `GET /rest/complianceEvents` (events.md) and under the same 28-day window, so a console
 * watching the stream sees exactly what an archiver could still read. Without `start`, the
 * newest `limit` events (newest last); with it, `limit` events from that offset, oldest first.
 */
export async function findComplianceEventStream(
  request: { applicationId: string; memberId: string; limit: number; start: number | null },
  deps: { store: Store; clock: Clock; retentionDays: number },
): Promise<EventStreamPage> {
  const fromMs = windowStartMs(deps.clock.nowMs(), deps.retentionDays);
  const stream = {
    applicationId: request.applicationId,
    ownerMemberId: request.memberId,
    fromMs,
  };
  const total = await deps.store.messaging.countEvents(stream);
  if (request.start === null) {
    const { rows, hasMore } = await deps.store.messaging.findLatestEvents({
      ...stream,
      limit: request.limit,
    });
    return {
      elements: rows.map(renderComplianceEvent),
      hasMore,
      windowStartMs: fromMs,
      total,
      start: Math.max(0, total - rows.length),
    };
  }
  const { rows, hasMore } = await deps.store.messaging.findEvents({
    ...stream,
    toMs: null,
    offset: request.start,
    limit: request.limit,
  });
  return {
    elements: rows.map(renderComplianceEvent),
    hasMore,
    windowStartMs: fromMs,
    total,
    start: request.start,
  };
}
