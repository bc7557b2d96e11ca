import { api } from "./api-client";
import type { ApplicationView, ElementList, MemberDetail } from "./api-types";
import { AuthorizationHistory } from "./authorization-history";
import { CoveragePanel } from "./coverage-panel";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime, fullName } from "./format";
import { MemberCredentials } from "./member-credentials";
import { Page } from "./page";
import { UrnText } from "./urn-text";
import { useAction } from "./use-action";
import { useApi } from "./use-api";
import { href } from "./use-hash-route";

/** One member: their compliance authorization per application, with buttons and full history. */
export function MemberPage({ memberId }: { memberId: string }) {
  const member = useApi<MemberDetail>(`/sandbox/members/${encodeURIComponent(memberId)}`);
  const applications = useApi<ElementList<ApplicationView>>("/sandbox/applications");
  const action = useAction();

  const change = async (applicationId: string, authorize: boolean) => {
    const done = await action.run(() =>
      authorize
        ? api("/sandbox/authorizations", {
            method: "POST",
            body: { application: applicationId, member: memberId },
          })
        : api(
            `/sandbox/authorizations/${encodeURIComponent(applicationId)}/${encodeURIComponent(memberId)}`,
            { method: "DELETE" },
          ).then(() => true),
    );
    if (done) member.reload();
  };

  const detail = member.data;
  const title = detail ? fullName(detail) : "Member";
  return (
    <Page title={title} intro={<a href={href(["members"])}>← All members</a>}>
      <ErrorMessage error={member.error} />
      {member.loading ? <p className="loading">Loading member…</p> : null}
      {detail ? (
        <>
          <dl className="pairs card">
            <dt>URN</dt>
            <dd>
              <UrnText urn={detail.urn} />
            </dd>
            <dt>Sales Navigator</dt>
            <dd>{detail.salesIdentity ? <UrnText urn={detail.salesIdentity} /> : "No seat"}</dd>
            <dt>Created</dt>
            <dd>{formatTime(detail.createdAt)}</dd>
            <dt>Mailbox</dt>
            <dd>
              <a href={href(["inbox", detail.id])}>Open {detail.firstName}’s inbox</a>
            </dd>
          </dl>
          <section aria-labelledby="authorizations-title">
            <h2 id="authorizations-title">Compliance authorizations</h2>
            <p className="hint">
              While authorized (regulated) for an application, every message this member sends or
              receives is captured as a compliance event for that application.
            </p>
            <ErrorMessage error={action.error ?? applications.error} />
            {applications.data?.elements.length === 0 ? (
              <EmptyState title="No applications to authorize">
                <a href={href(["applications"])}>Create an application</a> first.
              </EmptyState>
            ) : null}
            {applications.data && applications.data.elements.length > 0 ? (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Application</th>
                      <th scope="col">Status</th>
                      <th scope="col">Action</th>
                      <th scope="col">
                        <span className="visually-hidden">Links</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {applications.data.elements.map((app) => {
                      const open = detail.authorizations.find(
                        (a) => a.application === app.id && a.active,
                      );
                      return (
                        <tr key={app.id}>
                          <th scope="row">{app.name}</th>
                          <td>
                            {open ? (
                              <span className="badge badge-on">
                                Regulated since {formatTime(open.regulatedAt)}
                              </span>
                            ) : (
                              <span className="badge badge-off">Not regulated</span>
                            )}
                          </td>
                          <td>
                            <button
                              type="button"
                              className={open ? "danger" : "primary"}
                              disabled={action.busy}
                              aria-label={`${open ? "De-authorize" : "Authorize"} ${fullName(detail)} for ${app.name}`}
                              onClick={() => change(app.id, !open)}
                            >
                              {open ? "De-authorize" : "Authorize"}
                            </button>
                          </td>
                          <td>
                            <a href={href(["events"], { application: app.id, member: detail.id })}>
                              Events
                            </a>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
          {applications.data && applications.data.elements.length > 0 ? (
            <MemberCredentials memberId={detail.id} applications={applications.data.elements} />
          ) : null}
          {applications.data && applications.data.elements.length > 0 ? (
            <CoveragePanel memberUrn={detail.urn} applications={applications.data.elements} />
          ) : null}
          <AuthorizationHistory
            history={detail.authorizations}
            applications={applications.data?.elements ?? []}
          />
        </>
      ) : null}
    </Page>
  );
}
