import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, saveAdminKey } from "./api-client";
import type { ClockView } from "./api-types";
import { ErrorMessage } from "./error-message";
import { Page } from "./page";
import { useAction } from "./use-action";

/** Asks for the admin key and keeps it for this tab once the control plane accepts it. */
export function SignInPage({ notice, onSignedIn }: { notice: string | null; onSignedIn(): void }) {
  const [key, setKey] = useState("");
  const keyId = useId();
  const hintId = useId();
  const { busy, error, run } = useAction();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const accepted = await run(() => api<ClockView>("/sandbox/clock", { key: key.trim() }));
    if (accepted) {
      saveAdminKey(key.trim());
      onSignedIn();
    }
  };

  return (
    <div className="sign-in">
      <Page title="Sign in to the Regula console" focusHeading={false}>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <form className="card form" onSubmit={submit}>
          <label htmlFor={keyId}>Admin key</label>
          <input
            id={keyId}
            ref={input}
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            aria-describedby={hintId}
            onChange={(e) => setKey(e.target.value)}
          />
          <p id={hintId} className="hint">
            The value of <code>REGULA_ADMIN_KEY</code>, or the key printed when the server first
            started (kept in <code>data/admin-key</code>). It stays in this tab only.
          </p>
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy || key.trim() === ""}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </Page>
    </div>
  );
}
