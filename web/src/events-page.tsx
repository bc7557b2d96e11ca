import { useId, useState } from "react";
import type {
  ApplicationView,
  ElementList,
  EventStream,
  MemberDetail,
  MemberView,
} from "./api-types";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { EventsTable } from "./events-table";
import { formatTime, fullName } from "./format";
import { MemberPicker } from "./member-picker";
import { Page } from "./page";
import { useApi } from "./use-api";
import { href, navigate } from "./use-hash-route";

export const EVENTS_POLL_MS = 1_500;
const PAGE_SIZE = 100;

/**
 * The compliance event stream of one (application, member), as the Compliance Events API
 * would return it to that application now: live, newest last, within the 28-day window.
 */
export function EventsPage({
  applicationId,
  memberId,
}: {
  applicationId: string | null;
  memberId: string | null;
}) {
  const selectId = useId();
  const applications = useApi<ElementList<ApplicationView>>("/sandbox/applications");
  const members = useApi<ElementList<MemberView>>("/sandbox/members");
  const member = useApi<MemberDetail>(
    memberId ? `/sandbox/members/${encodeURIComponent(memberId)}` : null,
    {
      pollMs: 5_000,
    },
  );
  // null: the newest page, following the stream live; a number: that offset, oldest first.
  const [start, setStart] = useState<number | null>(null);
  const query = new URLSearchParams({
    application: applicationId ?? "",
    member: memberId ?? "",
    limit: String(PAGE_SIZE),
    ...(start === null ? {} : { start: String(start) }),
  });
  const stream = useApi<EventStream>(
    applicationId && memberId ? `/sandbox/events?${query}` : null,
    {
      pollMs: EVENTS_POLL_MS,
    },
  );
  const [selected, setSelected] = useState<number | null>(null);

  const allMembers = members.data?.elements ?? [];
  const nameOf = (urn: string) => {
    const found = allMembers.find((m) => m.urn === urn);
    return found ? fullName(found) : urn;
  };
  const choose = (next: { application?: string | null; member?: string | null }) => {
    setStart(null);
    navigate(["events"], {
      application: (next.application === undefined ? applicationId : next.application) ?? undefined,
      member: (next.member === undefined ? memberId : next.member) ?? undefined,
    });
  };
  const regulated = member.data?.authorizations.some(
    (a) => a.application === applicationId && a.active,
  );
  const events = stream.data?.elements ?? [];

  return (
    <Page
      title="Compliance events"
      intro="What the Compliance Events API returns to an application for one member: every message the member sent (outbound) or received (inbound) while regulated, for 28 days."
    >
      <div className="card row filters">
        <div className="field inline-field">
          <label htmlFor={selectId}>Application</label>
          <select
            id={selectId}
            value={applicationId ?? ""}
            onChange={(e) => choose({ application: e.target.value })}
          >
            <option value="" disabled>
              Choose an application…
            </option>
            {applications.data?.elements.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
        </div>
        <MemberPicker
          label="Member"
          members={allMembers}
          value={memberId}
          onChange={(id) => choose({ member: id })}
        />
      </div>
      <ErrorMessage error={applications.error ?? members.error} />
      {!applicationId || !memberId ? (
        <EmptyState title="Choose an application and a member">
          The stream shows that member’s events as that application reads them.
        </EmptyState>
      ) : (
        <section aria-labelledby="stream-title">
          <div className="row spread">
            <h2 id="stream-title">
              Events of {memberId ? nameOf(`urn:li:person:${memberId}`) : ""} for{" "}
              {applications.data?.elements.find((a) => a.id === applicationId)?.name ??
                applicationId}
            </h2>
            <p className="live" aria-live="off">
              <span className="live-dot" aria-hidden="true" /> Live, refreshed every 1.5 s
            </p>
          </div>
          {member.data && !regulated ? (
            <p className="notice">
              {fullName(member.data)} is not regulated for this application now: new messages are
              not captured. <a href={href(["members", member.data.id])}>Authorize them</a>.
            </p>
          ) : null}
          {stream.data ? (
            <EventPager
              total={stream.data.total}
              start={stream.data.start}
              shown={events.length}
              windowStart={stream.data.windowStart}
              live={start === null}
              onPage={setStart}
            />
          ) : null}
          <ErrorMessage error={stream.error} />
          {stream.loading ? <p className="loading">Loading events…</p> : null}
          {stream.data && events.length === 0 ? (
            <EmptyState title="No events in the past 28 days">
              Events appear here as soon as this member sends or receives a message while regulated.
              Older ones have aged out of the window.
            </EmptyState>
          ) : null}
          {events.length > 0 ? (
            <EventsTable
              events={events}
              nameOf={nameOf}
              selectedId={selected}
              onSelect={setSelected}
            />
          ) : null}
        </section>
      )}
    </Page>
  );
}

/**
 * Where the shown events sit in the whole stream, and the way through it: oldest, older,
 * newer, newest (the live page).
 */
function EventPager({
  total,
  start,
  shown,
  windowStart,
  live,
  onPage,
}: {
  total: number;
  start: number;
  shown: number;
  windowStart: number;
  live: boolean;
  onPage(start: number | null): void;
}) {
  const atNewest = start + shown >= total;
  return (
    <nav className="row spread" aria-label="Event pages">
      <p className="hint" aria-live="polite">
        {total === 0 ? "No events" : `Events ${start + 1}–${start + shown} of ${total}`} processed
        since {formatTime(windowStart)} (the 28-day window)
        {live ? ", newest page, live" : ""}.
      </p>
      <div className="row">
        <button type="button" disabled={start === 0} onClick={() => onPage(0)}>
          Oldest
        </button>
        <button
          type="button"
          disabled={start === 0}
          onClick={() => onPage(Math.max(0, start - PAGE_SIZE))}
        >
          Older
        </button>
        <button
          type="button"
          disabled={atNewest}
          onClick={() =>
            start + 2 * PAGE_SIZE >= total ? onPage(null) : onPage(start + PAGE_SIZE)
          }
        >
          Newer
        </button>
        <button type="button" disabled={live} onClick={() => onPage(null)}>
          Newest
        </button>
      </div>
    </nav>
  );
}
