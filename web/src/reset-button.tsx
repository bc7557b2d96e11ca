import { useId, useRef } from "react";
import { api } from "./api-client";
import { ErrorMessage } from "./error-message";
import { useAction } from "./use-action";
import { useWorld } from "./world-context";

/** Empties the world and applies the start-up seed again, after asking in a modal dialog. */
export function ResetButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const { changed } = useWorld();
  const { busy, error, run, clear } = useAction();

  const open = () => {
    clear();
    dialog.current?.showModal();
  };
  const confirm = async () => {
    const done = await run(() => api<unknown>("/sandbox/reset", { method: "POST" }));
    if (done) {
      dialog.current?.close();
      changed();
    }
  };

  return (
    <>
      <button type="button" className="danger" onClick={open}>
        Reset…
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} aria-describedby={textId}>
        <h2 id={titleId}>Reset the sandbox?</h2>
        <p id={textId}>
          Every application, member, authorization, message and compliance event is deleted, then
          the start-up seed is applied again. Faults and the request journal are cleared. This
          cannot be undone.
        </p>
        <ErrorMessage error={error} />
        {/* showModal() focuses the first control: Cancel, the safe choice. */}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={busy} onClick={confirm}>
            {busy ? "Resetting…" : "Reset the sandbox"}
          </button>
        </div>
      </dialog>
    </>
  );
}
