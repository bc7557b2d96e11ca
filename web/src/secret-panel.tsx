import { useEffect, useRef, useState } from "react";
import type { ApplicationView } from "./api-types";

/** The client secret of a new or rotated application: shown this once, then only its hash is kept. */
export function SecretPanel({
  application,
  onDismiss,
}: {
  application: ApplicationView;
  onDismiss(): void;
}) {
  const panel = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    panel.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(application.clientSecret ?? "");
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section ref={panel} className="secret-panel" aria-labelledby="secret-title" tabIndex={-1}>
      <h2 id="secret-title">Client secret for {application.name}</h2>
      <p>
        Copy it now: it is shown only this once and stored hashed. A lost secret can be replaced
        with <strong>Rotate secret</strong> (or{" "}
        <code>POST /sandbox/applications/{application.id}/secret</code>); the old one stops working
        at once.
      </p>
      <dl className="pairs">
        <dt>Client id</dt>
        <dd>
          <code>{application.clientId}</code>
        </dd>
        <dt>Client secret</dt>
        <dd>
          <code data-testid="client-secret">{application.clientSecret}</code>
        </dd>
      </dl>
      <div className="row">
        <button type="button" onClick={copy}>
          {copied ? "Copied" : "Copy secret"}
        </button>
        <button type="button" className="primary" onClick={onDismiss}>
          I have saved it, dismiss
        </button>
      </div>
    </section>
  );
}
