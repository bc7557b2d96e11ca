import { useState } from "react";
import { api } from "./api-client";
import type { ApplicationView, ElementList } from "./api-types";
import { ConfirmButton } from "./confirm-button";
import { CreateApplicationForm } from "./create-application-form";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime } from "./format";
import { Page } from "./page";
import { SecretPanel } from "./secret-panel";
import { UrnText } from "./urn-text";
import { useAction } from "./use-action";
import { useApi } from "./use-api";
import { href } from "./use-hash-route";

/**
 * Developer applications: create one, read its client id, URN and permissions, rotate its
 * secret (shown once) or delete it (its tokens and authorizations end with it).
 */
export function ApplicationsPage() {
  const applications = useApi<ElementList<ApplicationView>>("/sandbox/applications");
  const [created, setCreated] = useState<ApplicationView | null>(null);
  const action = useAction();

  const rotate = async (app: ApplicationView) => {
    const rotated = await action.run(() =>
      api<ApplicationView>(`/sandbox/applications/${encodeURIComponent(app.id)}/secret`, {
        method: "POST",
      }),
    );
    if (rotated) setCreated(rotated);
  };
  const remove = async (app: ApplicationView) => {
    const done = await action.run(() =>
      api(`/sandbox/applications/${encodeURIComponent(app.id)}`, { method: "DELETE" }).then(
        () => true,
      ),
    );
    if (done) {
      if (created?.id === app.id) setCreated(null);
      applications.reload();
    }
  };

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
        <ErrorMessage error={action.error ?? applications.error} />
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
                    <span className="visually-hidden">Links and actions</span>
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
                      <div className="row">
                        <a href={href(["events"], { application: app.id })}>Events</a>
                        <button
                          type="button"
                          disabled={action.busy}
                          aria-label={`Rotate the secret of ${app.name}`}
                          onClick={() => rotate(app)}
                        >
                          Rotate secret
                        </button>
                        <ConfirmButton
                          label={`Delete ${app.name}`}
                          confirmLabel={`Delete ${app.name} for good`}
                          busy={action.busy}
                          onConfirm={() => remove(app)}
                        />
                      </div>
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
