import { useState } from "react";
import type { ApplicationView, ElementList } from "./api-types";
import { CreateApplicationForm } from "./create-application-form";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime } from "./format";
import { Page } from "./page";
import { SecretPanel } from "./secret-panel";
import { UrnText } from "./urn-text";
import { useApi } from "./use-api";
import { href } from "./use-hash-route";

/** Developer applications: create one, read its client id, URN and permissions. */
export function ApplicationsPage() {
  const applications = useApi<ElementList<ApplicationView>>("/sandbox/applications");
  const [created, setCreated] = useState<ApplicationView | null>(null);

  return (
    <Page
      title="Applications"
      intro="Developer applications that call the Compliance APIs with OAuth 2.0 tokens."
    >
      {created?.clientSecret ? (
        <SecretPanel application={created} onDismiss={() => setCreated(null)} />
      ) : null}
      <CreateApplicationForm
        onCreated={(application) => {
          setCreated(application);
          applications.reload();
        }}
      />
      <section aria-labelledby="applications-list">
        <h2 id="applications-list">All applications</h2>
        <ErrorMessage error={applications.error} />
        {applications.loading ? <p className="loading">Loading applications…</p> : null}
        {applications.data && applications.data.elements.length === 0 ? (
          <EmptyState title="No applications yet">
            Create one above: it gets a client id and a secret to obtain tokens with.
          </EmptyState>
        ) : null}
        {applications.data && applications.data.elements.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Id and URN</th>
                  <th scope="col">Client id</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">Redirect URIs</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {applications.data.elements.map((app) => (
                  <tr key={app.id}>
                    <th scope="row">{app.name}</th>
                    <td>
                      {app.id}
                      <br />
                      <UrnText urn={app.urn} />
                    </td>
                    <td>
                      <code className="nowrap">{app.clientId}</code>
                    </td>
                    <td>
                      <ul className="tags">
                        {app.permissions.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                        {app.clientCredentials ? <li>client credentials</li> : null}
                        {app.refreshTokens ? <li>refresh tokens</li> : null}
                      </ul>
                    </td>
                    <td>
                      {app.redirectUris.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        app.redirectUris.map((uri) => (
                          <code key={uri} className="block">
                            {uri}
                          </code>
                        ))
                      )}
                    </td>
                    <td>{formatTime(app.createdAt)}</td>
                    <td>
                      <a href={href(["events"], { application: app.id })}>Events</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </Page>
  );
}
