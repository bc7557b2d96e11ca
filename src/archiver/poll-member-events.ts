import type { ArchiveOutput } from "./archive-output.js";
import { MemberMismatchError, UnexpectedResponseError } from "./archiver-errors.js";
import type { ComplianceApi } from "./compliance-api.js";
import type { MemberArchive } from "./member-archive.js";

export interface PageProgress {
  fetched: number;
  appended: number;
}

/**
 * Brings a member's archive up to date with LinkedIn's documented polling algorithm:
 * `startTime` = the latest `processedAt` archived (inclusive), events already archived at
 * that millisecond dropped by id.
 *
 * After every page the query restarts from the page's last `processedAt` with `start=0`,
 * rather than paging deep with `start`: the front of the 28-day window moves with the clock,
 * and events ageing out between two `start=` pages would shift every offset and skip events
 * (design/capture-ordering.md, "The window edge"). `start` is used only within one query,
 * when a whole page shares the cursor's millisecond and restarting could not move forward.
 * The member is caught up when a page comes back shorter than `pageSize`.
 */
export async function pollMemberEvents(input: {
  api: ComplianceApi;
  archive: MemberArchive;
  token: string;
  pageSize: number;
  /** Certification output: written before the archive's checkpoint moves. */
  output?: ArchiveOutput;
  signal?: AbortSignal;
  onPage?: (progress: PageProgress) => void;
}): Promise<{ fetched: number; appended: number; pages: number; stopped: boolean }> {
  const { api, archive, token, pageSize } = input;
  const totals = { fetched: 0, appended: 0, pages: 0, stopped: false };
  let startTimeMs = archive.cursor.processedAtMs ?? 0;
  let start = 0;
  let previousFirstId: number | null = null;
  for (;;) {
    if (input.signal?.aborted) return { ...totals, stopped: true };
    const events = await api.fetchEventsPage(token, { startTimeMs, start, count: pageSize });
    // A server that ignored `start` would hand back the same page forever.
    if (start > 0 && events[0]?.id === previousFirstId) {
      throw new UnexpectedResponseError("complianceEvents ignored start: the same page came twice");
    }
    previousFirstId = events[0]?.id ?? null;
    const stranger = events.find((event) => event.owner !== archive.memberUrn);
    if (stranger) throw new MemberMismatchError(archive.memberUrn, stranger.owner);
    if (input.output) await input.output.write(events.filter((e) => !archive.isArchived(e)));
    const appended = await archive.append(events);
    totals.fetched += events.length;
    totals.appended += appended;
    totals.pages += 1;
    input.onPage?.({ fetched: events.length, appended });

    const last = events.at(-1);
    if (events.length < pageSize || last === undefined) return totals;
    if (last.processedAt > startTimeMs) {
      startTimeMs = last.processedAt;
      start = 0;
    } else {
      start += events.length;
    }
  }
}
