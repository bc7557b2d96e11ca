import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { ApiError, api, readAdminKey } from "./api-client";
import type { ElementList, SnapshotView } from "./api-types";
import { ConfirmButton } from "./confirm-button";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime } from "./format";
import { Page } from "./page";
import { useAction } from "./use-action";
import { useApi } from "./use-api";
import { useWorld } from "./world-context";

/**
 * The whole world as a file (export, import) and as named snapshots kept in the store, to
 * take between test cases and restore in one step.
 */
export function WorldPage() {
  return (
    <Page
      title="World"
      intro="Save the whole sandbox — applications, members, authorizations, threads, messages, events, tokens (hashed), the clock — and bring it back exactly."
    >
      <ExportImport />
      <Snapshots />
    </Page>
  );
}

function ExportImport() {
  const id = useId();
  const { changed } = useWorld();
  const action = useAction();
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const [imported, setImported] = useState<string | null>(null);

  const exportWorld = async () => {
    const file = await action.run(() => fetchExport());
    if (!file) return;
    if (download) URL.revokeObjectURL(download.url);
    setDownload({ url: URL.createObjectURL(file.blob), name: file.name });
  };
  const importWorld = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setImported(null);
    const text = await file.text();
    const done = await action.run(async () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError(0, "NOT_JSON", `${file.name} is not a JSON world export`);
      }
      await api("/sandbox/import", { method: "POST", body });
      return true;
    });
    if (done) {
      setImported(file.name);
      changed();
    }
  };

  return (
    <section className="card form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Export and import</h2>
      <p className="hint">
        Importing replaces the whole world with the file's, all or nothing: a file that does not fit
        leaves the current world as it is.
      </p>
      <ErrorMessage error={action.error} />
      <div className="row">
        <button type="button" className="primary" disabled={action.busy} onClick={exportWorld}>
          Export the world
        </button>
        {download ? (
          <a href={download.url} download={download.name}>
            Download {download.name}
          </a>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Import a world export (replaces this world)</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          disabled={action.busy}
          onChange={importWorld}
        />
      </div>
      {imported ? (
        <p className="notice" role="status">
          Imported {imported}.
        </p>
      ) : null}
    </section>
  );
}

/** `GET /sandbox/export` as a file named after the virtual time it was taken at. */
async function fetchExport(): Promise<{ blob: Blob; name: string }> {
  const key = readAdminKey();
  const response = await fetch("/sandbox/export", {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  if (!response.ok) {
    throw new ApiError(response.status, undefined, `Export answered ${response.status}`);
  }
  const blob = await response.blob();
  const at = response.headers.get("date");
  const stamp = (at ? new Date(at) : new Date()).toISOString().replace(/[:.]/g, "-");
  return { blob, name: `regula-world-${stamp}.json` };
}

function Snapshots() {
  const id = useId();
  const { changed } = useWorld();
  const snapshots = useApi<ElementList<SnapshotView>>("/sandbox/snapshots");
  const action = useAction();
  const [name, setName] = useState("");
  const [restored, setRestored] = useState<string | null>(null);

  const take = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(() =>
      api("/sandbox/snapshots", { method: "POST", body: { name: name.trim() } }),
    );
    if (done !== undefined) {
      setName("");
      snapshots.reload();
    }
  };
  const restore = async (snapshot: SnapshotView) => {
    setRestored(null);
    const done = await action.run(() =>
      api(`/sandbox/snapshots/${encodeURIComponent(snapshot.name)}/restore`, {
        method: "POST",
      }).then(() => true),
    );
    if (done) {
      setRestored(snapshot.name);
      changed();
    }
  };
  const remove = async (snapshot: SnapshotView) => {
    const done = await action.run(() =>
      api(`/sandbox/snapshots/${encodeURIComponent(snapshot.name)}`, { method: "DELETE" }).then(
        () => true,
      ),
    );
    if (done) snapshots.reload();
  };
  const list = snapshots.data?.elements ?? [];

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Snapshots</h2>
      <form className="card row" onSubmit={take}>
        <div className="field inline-field">
          <label htmlFor={`${id}-name`}>Snapshot name</label>
          <input
            id={`${id}-name`}
            required
            maxLength={100}
            pattern="[A-Za-z0-9._-]+"
            title="Letters, digits, dot, underscore and hyphen"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={action.busy}>
          Take snapshot
        </button>
      </form>
      <ErrorMessage error={action.error ?? snapshots.error} />
      {restored ? (
        <p className="notice" role="status">
          Restored snapshot {restored}.
        </p>
      ) : null}
      {snapshots.data && list.length === 0 ? (
        <EmptyState title="No snapshots">
          Take one to come back to this exact world later.
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Taken</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((snapshot) => (
                <tr key={snapshot.name}>
                  <th scope="row">{snapshot.name}</th>
                  <td>{formatTime(snapshot.createdAt)}</td>
                  <td>
                    <div className="row">
                      <button
                        type="button"
                        disabled={action.busy}
                        aria-label={`Restore snapshot ${snapshot.name}`}
                        onClick={() => restore(snapshot)}
                      >
                        Restore
                      </button>
                      <ConfirmButton
                        label={`Delete snapshot ${snapshot.name}`}
                        confirmLabel={`Delete ${snapshot.name} for good`}
                        busy={action.busy}
                        onConfirm={() => remove(snapshot)}
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
  );
}
