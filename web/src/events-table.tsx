import { useEffect, useRef } from "react";
import type { ComplianceEvent } from "./api-types";
import { formatIso, formatTime } from "./format";
import { UrnText } from "./urn-text";

/** The event stream, newest last; a row's button opens the raw record below the table. */
export function EventsTable({
  events,
  nameOf,
  selectedId,
  onSelect,
}: {
  events: ComplianceEvent[];
  nameOf(urn: string): string;
  selectedId: number | null;
  onSelect(id: number | null): void;
}) {
  const selected = events.find((e) => e.id === selectedId) ?? null;
  return (
    <>
      <div className="table-wrap">
        <table className="events">
          <caption className="visually-hidden">Compliance events, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Direction</th>
              <th scope="col">Actor</th>
              <th scope="col">Text</th>
              <th scope="col">Captured at</th>
              <th scope="col">Processed at</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => {
              const outbound = event.actor === event.owner;
              const isSelected = event.id === selectedId;
              return (
                <tr
                  key={event.id}
                  className={isSelected ? "selected" : undefined}
                  onClick={() => onSelect(isSelected ? null : event.id)}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={isSelected}
                      aria-controls="event-json"
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(isSelected ? null : event.id);
                      }}
                    >
                      #{event.id}
                      <span className="visually-hidden"> raw JSON</span>
                    </button>
                  </th>
                  <td>
                    <span className={`badge ${outbound ? "badge-out" : "badge-in"}`}>
                      {outbound ? "Outbound" : "Inbound"}
                    </span>
                  </td>
                  <td>
                    {nameOf(event.actor)}
                    <br />
                    <UrnText urn={event.actor} className="small" />
                  </td>
                  <td className="event-text">
                    {event.activity.subject ? <strong>{event.activity.subject}: </strong> : null}
                    {event.activity.content?.fallback ?? ""}
                    {event.activity.attachments && event.activity.attachments.length > 0 ? (
                      <span className="muted">
                        {" "}
                        · {event.activity.attachments.length} attachment(s)
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <time dateTime={formatIso(event.capturedAt)}>
                      {formatTime(event.capturedAt)}
                    </time>
                  </td>
                  <td>
                    <time dateTime={formatIso(event.processedAt)}>
                      {formatTime(event.processedAt)}
                    </time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {selected ? <EventJson event={selected} onClose={() => onSelect(null)} /> : null}
    </>
  );
}

function EventJson({ event, onClose }: { event: ComplianceEvent; onClose(): void }) {
  const panel = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus when another event is opened
  useEffect(() => {
    panel.current?.focus();
  }, [event.id]);
  return (
    <section
      id="event-json"
      ref={panel}
      tabIndex={-1}
      className="card json-panel"
      aria-labelledby="event-json-title"
    >
      <div className="row spread">
        <h3 id="event-json-title">Event #{event.id}, as the Compliance Events API returns it</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <pre>{JSON.stringify(event, null, 2)}</pre>
    </section>
  );
}
