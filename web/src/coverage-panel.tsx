import type { ApplicationView } from "./api-types";
import { useApi } from "./use-api";

/** One member's row of `GET /sandbox/coverage` (src/sandbox/routes/coverage.ts). */
interface MemberCoverage {
  member: string;
  captured: number;
  inWindow: number;
  served: number;
  neverServed: number;
  agedOutUnserved: number;
  oldestUnservedAgeMs: number | null;
  daysUntilWindowCloses: number | null;
}

interface Coverage {
  application: string;
  members: MemberCoverage[];
}

const DAY_MS = 86_400_000;
/** From this age an unserved event is a week from leaving the 28-day window: say so loudly. */
const WARN_AFTER_DAYS = 21;

/**
 * What the Events API has actually served of this member's events, per application: for an
 * archiver team whose archiver cannot show its own output, the first sign it is falling behind.
 */
export function CoveragePanel({
  memberUrn,
  applications,
}: {
  memberUrn: string;
  applications: readonly ApplicationView[];
}) {
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">Archiver coverage</h2>
      <p className="hint">
        Of the events captured for this member, how many the Events API has served to each
        application at least once. Events leave the window after 28 days.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Captured</th>
              <th scope="col">Served</th>
              <th scope="col">Never served</th>
              <th scope="col">Aged out unserved</th>
              <th scope="col">Oldest unserved</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((app) => (
              <CoverageRow key={app.id} application={app} memberUrn={memberUrn} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CoverageRow({
  application,
  memberUrn,
}: {
  application: ApplicationView;
  memberUrn: string;
}) {
  const coverage = useApi<Coverage>(
    `/sandbox/coverage?application=${encodeURIComponent(application.id)}`,
    { pollMs: 5_000 },
  );
  const row = coverage.data?.members.find((m) => m.member === memberUrn);
  if (!row) {
    return (
      <tr>
        <th scope="row">{application.name}</th>
        <td colSpan={5}>{coverage.data ? "No events captured" : "…"}</td>
      </tr>
    );
  }
  const ageDays = row.oldestUnservedAgeMs === null ? null : row.oldestUnservedAgeMs / DAY_MS;
  const warn = ageDays !== null && ageDays >= WARN_AFTER_DAYS;
  return (
    <tr>
      <th scope="row">{application.name}</th>
      <td>{row.captured}</td>
      <td>{row.served}</td>
      <td>{row.neverServed}</td>
      <td>{row.agedOutUnserved}</td>
      <td>
        {ageDays === null ? (
          "—"
        ) : warn ? (
          <span className="badge badge-warn" role="alert">
            {ageDays.toFixed(1)} days old: leaves the window in{" "}
            {(row.daysUntilWindowCloses ?? 0).toFixed(1)} days
          </span>
        ) : (
          `${ageDays.toFixed(1)} days old`
        )}
      </td>
    </tr>
  );
}
