import type { ElementList, JournalEntryView } from "./api-types";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime } from "./format";
import { Page } from "./page";
import { useApi } from "./use-api";

const JOURNAL_LIMIT = 200;

/** The latest calls to `/rest`, `/v2` and `/oauth`, newest first (no token or secret is kept). */
export function JournalPage() {
  const journal = useApi<ElementList<JournalEntryView>>(
    `/sandbox/requests?limit=${JOURNAL_LIMIT}`,
    { pollMs: 2_000 },
  );
  const entries = journal.data?.elements ?? [];
  return (
    <Page
      title="Request journal"
      intro={`What archivers asked the LinkedIn-compatible API and what they got, newest first (the latest ${JOURNAL_LIMIT}; refreshed every 2 s).`}
    >
      <ErrorMessage error={journal.error} />
      {journal.loading ? <p className="loading">Loading the journal…</p> : null}
      {journal.data && entries.length === 0 ? (
        <EmptyState title="No requests yet">
          Calls to /rest and /oauth appear here as they are answered.
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Application</th>
                <th scope="col">Member</th>
                <th scope="col">Fault</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and rows keep no state
                <tr key={`${entry.at}-${index}`}>
                  <td className="nowrap">{formatTime(entry.at)}</td>
                  <th scope="row">
                    <code>
                      {entry.method} {entry.path}
                    </code>
                  </th>
                  <td>
                    <span className={entry.status >= 400 ? "badge badge-off" : "badge badge-on"}>
                      {entry.status}
                    </span>
                  </td>
                  <td>{entry.durationMs.toFixed(1)} ms</td>
                  <td>{entry.application ?? <span className="muted">—</span>}</td>
                  <td>{entry.member ?? <span className="muted">—</span>}</td>
                  <td>{entry.fault ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
