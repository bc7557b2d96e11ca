import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { ApplicationView } from "./api-types";
import { CopyButton } from "./copy-button";
import { ErrorMessage } from "./error-message";
import { useAction } from "./use-action";

type Issued = { kind: "token"; value: string; expiresIn: number } | { kind: "code"; value: string };

/**
 * What the member would hand an application by consenting in the browser, without the
 * browser: an access token, or an authorization code to exchange at `/oauth/v2/accessToken`.
 */
export function MemberCredentials({
  memberId,
  applications,
}: {
  memberId: string;
  applications: ApplicationView[];
}) {
  const id = useId();
  const [applicationId, setApplicationId] = useState(applications[0]?.id ?? "");
  const application = applications.find((a) => a.id === applicationId) ?? applications[0];
  const [redirectUri, setRedirectUri] = useState("");
  const [issued, setIssued] = useState<Issued | null>(null);
  const action = useAction();
  const base = `/sandbox/members/${encodeURIComponent(memberId)}`;
  const uri = redirectUri || application?.redirectUris[0] || "";

  const mintToken = async (event: FormEvent) => {
    event.preventDefault();
    if (!application) return;
    const token = await action.run(() =>
      api<{ access_token: string; expires_in: number }>(`${base}/tokens`, {
        method: "POST",
        body: { application: application.id },
      }),
    );
    if (token) setIssued({ kind: "token", value: token.access_token, expiresIn: token.expires_in });
  };
  const mintCode = async () => {
    if (!application) return;
    const code = await action.run(() =>
      api<{ code: string }>(`${base}/authorization-codes`, {
        method: "POST",
        body: { application: application.id, redirectUri: uri },
      }),
    );
    if (code) setIssued({ kind: "code", value: code.code });
  };

  if (!application) return null;
  return (
    <form className="card form" onSubmit={mintToken} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Tokens and codes</h2>
      <p className="hint">
        The credentials this member would give an application by consenting on the OAuth pages.
      </p>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-app`}>For application</label>
          <select
            id={`${id}-app`}
            value={application.id}
            onChange={(e) => {
              setApplicationId(e.target.value);
              setRedirectUri("");
              setIssued(null);
            }}
          >
            {applications.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-uri`}>Redirect URI (for a code)</label>
          <select id={`${id}-uri`} value={uri} onChange={(e) => setRedirectUri(e.target.value)}>
            {application.redirectUris.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          Mint access token
        </button>
        <button
          type="button"
          disabled={action.busy || application.redirectUris.length === 0}
          onClick={mintCode}
        >
          Mint authorization code
        </button>
      </div>
      {issued ? (
        <dl className="pairs" aria-live="polite">
          <dt>{issued.kind === "token" ? "Access token" : "Authorization code"}</dt>
          <dd>
            <code data-testid={`issued-${issued.kind}`}>{issued.value}</code>{" "}
            <CopyButton
              value={issued.value}
              label={issued.kind === "token" ? "access token" : "authorization code"}
            />
          </dd>
          <dt>Good for</dt>
          <dd>
            {issued.kind === "token"
              ? `${Math.round(issued.expiresIn / 86_400)} days`
              : "30 minutes, once"}
          </dd>
        </dl>
      ) : null}
    </form>
  );
}
