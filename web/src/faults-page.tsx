import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { ElementList, FaultView } from "./api-types";
import { ConfirmButton } from "./confirm-button";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { Page } from "./page";
import { useAction } from "./use-action";
import { useApi } from "./use-api";

type Response = "429" | "500" | "503" | "delay";

/** Injected failures on `/rest`, `/v2` and `/oauth`: add them, watch them fire, remove them. */
export function FaultsPage() {
  const faults = useApi<ElementList<FaultView>>("/sandbox/faults", { pollMs: 2_000 });
  const action = useAction();
  const remove = async (fault: FaultView) => {
    const done = await action.run(() =>
      api(`/sandbox/faults/${encodeURIComponent(fault.id)}`, { method: "DELETE" }).then(() => true),
    );
    if (done) faults.reload();
  };
  const list = faults.data?.elements ?? [];
  return (
    <Page
      title="Faults"
      intro="Throttling, server errors and delays injected in front of the LinkedIn-compatible API, to see how an archiver copes. They act in order of creation and are cleared by a reset."
    >
      <AddFaultForm onAdded={faults.reload} />
      <section aria-labelledby="faults-list">
        <h2 id="faults-list">Active faults</h2>
        <ErrorMessage error={action.error ?? faults.error} />
        {faults.data && list.length === 0 ? (
          <EmptyState title="No faults">Every call is answered normally.</EmptyState>
        ) : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Matches</th>
                  <th scope="col">Responds</th>
                  <th scope="col">Fires</th>
                  <th scope="col">Hits</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((fault) => (
                  <tr key={fault.id}>
                    <th scope="row">
                      <code>
                        {fault.match.method ?? "any"} {fault.match.path ?? "any path"}
                      </code>
                    </th>
                    <td>{describeResponse(fault)}</td>
                    <td>
                      {fault.remaining !== null && fault.remaining !== undefined
                        ? `${fault.remaining} more time${fault.remaining === 1 ? "" : "s"}`
                        : fault.probability !== undefined
                          ? `with probability ${fault.probability}`
                          : "every time"}
                    </td>
                    <td>{fault.hits}</td>
                    <td>
                      <ConfirmButton
                        label="Remove"
                        confirmLabel="Remove this fault"
                        busy={action.busy}
                        onConfirm={() => remove(fault)}
                      />
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

function describeResponse(fault: FaultView): string {
  const { respond } = fault;
  if ("delayMs" in respond) return `delay ${respond.delayMs} ms`;
  return respond.retryAfter === undefined
    ? `status ${respond.status}`
    : `status ${respond.status}, Retry-After ${respond.retryAfter} s`;
}

function AddFaultForm({ onAdded }: { onAdded(): void }) {
  const id = useId();
  const [method, setMethod] = useState("GET");
  const [path, setPath] = useState("/rest/complianceEvents");
  const [response, setResponse] = useState<Response>("429");
  const [retryAfter, setRetryAfter] = useState("2");
  const [delayMs, setDelayMs] = useState("3000");
  const [times, setTimes] = useState("3");
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const respond =
      response === "delay"
        ? { delayMs: Number(delayMs) }
        : {
            status: Number(response),
            ...(response === "429" && retryAfter !== "" ? { retryAfter: Number(retryAfter) } : {}),
          };
    const added = await run(() =>
      api("/sandbox/faults", {
        method: "POST",
        body: {
          match: { ...(method ? { method } : {}), ...(path ? { path } : {}) },
          respond,
          ...(times !== "" ? { times: Number(times) } : {}),
        },
      }),
    );
    if (added) onAdded();
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a fault</h2>
      <div className="grid-3">
        <div className="field">
          <label htmlFor={`${id}-method`}>Method</label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="">Any</option>
            <option>GET</option>
            <option>POST</option>
            <option>DELETE</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-path`}>Path (exact, or a prefix ending in *)</label>
          <input
            id={`${id}-path`}
            value={path}
            maxLength={500}
            onChange={(e) => setPath(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-response`}>Response</label>
          <select
            id={`${id}-response`}
            value={response}
            onChange={(e) => setResponse(e.target.value as Response)}
          >
            <option value="429">429 Too Many Requests</option>
            <option value="500">500 Internal Server Error</option>
            <option value="503">503 Service Unavailable</option>
            <option value="delay">A delay</option>
          </select>
        </div>
        {response === "429" ? (
          <div className="field">
            <label htmlFor={`${id}-retry`}>Retry-After (seconds)</label>
            <input
              id={`${id}-retry`}
              inputMode="numeric"
              pattern="[0-9]*"
              value={retryAfter}
              onChange={(e) => setRetryAfter(e.target.value)}
            />
          </div>
        ) : null}
        {response === "delay" ? (
          <div className="field">
            <label htmlFor={`${id}-delay`}>Delay (ms)</label>
            <input
              id={`${id}-delay`}
              inputMode="numeric"
              pattern="[0-9]+"
              required
              value={delayMs}
              onChange={(e) => setDelayMs(e.target.value)}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-times`}>Times (empty: every call)</label>
          <input
            id={`${id}-times`}
            inputMode="numeric"
            pattern="[0-9]*"
            value={times}
            onChange={(e) => setTimes(e.target.value)}
          />
        </div>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Adding…" : "Add fault"}
      </button>
    </form>
  );
}
