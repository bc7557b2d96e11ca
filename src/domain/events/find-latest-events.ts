import type { Clock } from "../../clock.js";
import type { Store } from "../../store/store.js";
import { renderComplianceEvent, windowStartMs } from "./compliance-event.js";

/**
 * The newest `limit` events of a member for an application, newest last, in the same record
 * as `GET /rest/complianceEvents` (events.md) and under the same 28-day window, so a console
 * watching the stream sees exactly what an archiver could still read.
 */
export async function findLatestComplianceEvents(
  request: { applicationId: string; memberId: string; limit: number },
  deps: { store: Store; clock: Clock; retentionDays: number },
): Promise<{ elements: string[]; hasMore: boolean; windowStartMs: number }> {
  const fromMs = windowStartMs(deps.clock.nowMs(), deps.retentionDays);
  const { rows, hasMore } = await deps.store.messaging.findLatestEvents({
    applicationId: request.applicationId,
    ownerMemberId: request.memberId,
    fromMs,
    limit: request.limit,
  });
  return { elements: rows.map(renderComplianceEvent), hasMore, windowStartMs: fromMs };
}
