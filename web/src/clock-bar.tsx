import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { ClockView } from "./api-types";
import { ErrorMessage } from "./error-message";
import { formatIso, formatTime } from "./format";
import { useAction } from "./use-action";
import { useVirtualNow, useWorld } from "./world-context";

const UNIT_MS = { hours: 3_600_000, days: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** The virtual clock, always in view: what time it is for the sandbox, and controls to move it. */
export function ClockBar() {
  const { clock, setClock, changed } = useWorld();
  const now = useVirtualNow();
  const [amount, setAmount] = useState("1");
  const [unit, setUnit] = useState<Unit>("days");
  const amountId = useId();
  const unitId = useId();
  const { busy, error, run, clear } = useAction();

  const change = async (body: object) => {
    const next = await run(() => api<ClockView>("/sandbox/clock", { method: "POST", body }));
    if (next) {
      setClock(next);
      changed();
    }
  };
  const advance = (event: FormEvent) => {
    event.preventDefault();
    const count = Number(amount);
    if (!Number.isFinite(count) || count <= 0) return;
    void change({ advanceMs: Math.round(count * UNIT_MS[unit]) });
  };
  const frozen = clock?.mode === "frozen";

  return (
    <section className="clock" aria-label="Virtual clock">
      <p className="clock-now">
        <span className="clock-label">Sandbox time</span>{" "}
        {now === null ? (
          "…"
        ) : (
          <time dateTime={formatIso(now)} data-testid="clock-now">
            {formatTime(now)}
          </time>
        )}{" "}
        <span className={`badge ${frozen ? "badge-frozen" : "badge-running"}`}>
          {frozen ? "frozen" : clock?.mode === "offset" ? "running, shifted" : "running"}
        </span>
      </p>
      <div className="clock-controls">
        <button type="button" disabled={busy || !clock} onClick={() => change({ freeze: !frozen })}>
          {frozen ? "Unfreeze" : "Freeze"}
        </button>
        <form className="inline-form" onSubmit={advance} aria-label="Advance the clock">
          <label htmlFor={amountId}>Advance by</label>
          <input
            id={amountId}
            type="number"
            min="1"
            step="1"
            required
            className="narrow"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <label htmlFor={unitId} className="visually-hidden">
            Unit
          </label>
          <select id={unitId} value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
          <button type="submit" disabled={busy}>
            Advance
          </button>
        </form>
      </div>
      {error ? (
        <div className="clock-error">
          <ErrorMessage error={error} />
          <button type="button" className="link-button" onClick={clear}>
            Dismiss
          </button>
        </div>
      ) : null}
    </section>
  );
}
