import type { ApplicationView, AuthorizationInterval } from "./api-types";
import { EmptyState } from "./empty-state";
import { formatTime } from "./format";

const CAUSES: Record<string, string> = {
  API_OPT_IN: "API opt-in",
  API_OPT_OUT: "API opt-out",
  MEMBER_REMOVED_APP: "member removed the app",
  ADMIN: "administrator",
  APPLICATION_DELETED: "application deleted",
};

/** Every opt-in and opt-out of a member, newest first, with when and why. */
export function AuthorizationHistory({
  history,
  applications,
}: {
  history: AuthorizationInterval[];
  applications: ApplicationView[];
}) {
  const nameOf = (id: string) => applications.find((a) => a.id === id)?.name ?? `Application ${id}`;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Opt-in and opt-out history</h2>
      {history.length === 0 ? (
        <EmptyState title="No opt-in or opt-out yet">
          Authorize the member for an application above, or let an application opt them in through
          the Compliance Management API.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Application</th>
                <th scope="col">Opted in</th>
                <th scope="col">By</th>
                <th scope="col">Opted out</th>
                <th scope="col">By</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {history.map((interval) => (
                <tr key={`${interval.application}-${interval.regulatedAt}-${interval.optedOutAt}`}>
                  <th scope="row">{nameOf(interval.application)}</th>
                  <td>{formatTime(interval.regulatedAt)}</td>
                  <td>{CAUSES[interval.optInCause] ?? interval.optInCause}</td>
                  <td>{interval.optedOutAt === null ? "—" : formatTime(interval.optedOutAt)}</td>
                  <td>
                    {interval.optOutCause === null
                      ? "—"
                      : (CAUSES[interval.optOutCause] ?? interval.optOutCause)}
                  </td>
                  <td>
                    {interval.active ? (
                      <span className="badge badge-on">active</span>
                    ) : (
                      <span className="badge badge-off">ended</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
