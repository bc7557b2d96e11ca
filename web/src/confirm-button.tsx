import { useState } from "react";

/**
 * A destructive action in two steps on the spot: the first click asks, the second acts. No
 * modal, so a table of rows each keeps its own question.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  busy,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="row">
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
    </span>
  );
}
