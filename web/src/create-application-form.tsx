import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { ApplicationView } from "./api-types";
import { ErrorMessage } from "./error-message";
import { useAction } from "./use-action";

const DEFAULT_PERMISSIONS = "r_compliance_sales_nav";

/** `POST /sandbox/applications`, as a form. */
export function CreateApplicationForm({
  onCreated,
}: {
  onCreated(application: ApplicationView): void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [redirectUris, setRedirectUris] = useState("http://localhost:3000/callback");
  const [permissions, setPermissions] = useState(DEFAULT_PERMISSIONS);
  const [refreshTokens, setRefreshTokens] = useState(false);
  const [clientCredentials, setClientCredentials] = useState(true);
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() =>
      api<ApplicationView>("/sandbox/applications", {
        method: "POST",
        body: {
          name: name.trim(),
          redirectUris: splitList(redirectUris),
          permissions: splitList(permissions),
          refreshTokens,
          clientCredentials,
        },
      }),
    );
    if (created) {
      setName("");
      onCreated(created);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create an application</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-permissions`}>Permissions</label>
          <input
            id={`${id}-permissions`}
            value={permissions}
            aria-describedby={`${id}-permissions-hint`}
            onChange={(e) => setPermissions(e.target.value)}
          />
          <p id={`${id}-permissions-hint`} className="hint">
            Scopes granted to the app, separated by spaces or commas.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-redirects`}>Redirect URIs</label>
          <textarea
            id={`${id}-redirects`}
            rows={2}
            value={redirectUris}
            aria-describedby={`${id}-redirects-hint`}
            onChange={(e) => setRedirectUris(e.target.value)}
          />
          <p id={`${id}-redirects-hint`} className="hint">
            One per line; the authorization page only redirects to these.
          </p>
        </div>
        <fieldset className="field checks">
          <legend>Token options</legend>
          <label>
            <input
              type="checkbox"
              checked={clientCredentials}
              onChange={(e) => setClientCredentials(e.target.checked)}
            />{" "}
            Allow application tokens (client credentials)
          </label>
          <label>
            <input
              type="checkbox"
              checked={refreshTokens}
              onChange={(e) => setRefreshTokens(e.target.checked)}
            />{" "}
            Issue refresh tokens (never for compliance tokens)
          </label>
        </fieldset>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Creating…" : "Create application"}
      </button>
    </form>
  );
}

function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}
