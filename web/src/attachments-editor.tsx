import { useId } from "react";

/** Attachment metadata as Sales Navigator records it; the console sends no file content. */
export interface AttachmentDraft {
  key: number;
  name: string;
  mediaType: string;
  byteSize: string;
}

let nextKey = 1;
export function newAttachmentDraft(): AttachmentDraft {
  nextKey += 1;
  return { key: nextKey, name: "", mediaType: "application/pdf", byteSize: "" };
}

/** Rows of name, media type and size, added and removed with buttons. */
export function AttachmentsEditor({
  value,
  onChange,
}: {
  value: AttachmentDraft[];
  onChange(next: AttachmentDraft[]): void;
}) {
  const id = useId();
  const update = (key: number, patch: Partial<AttachmentDraft>) =>
    onChange(value.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  return (
    <fieldset className="field attachments-editor">
      <legend>Attachments</legend>
      {value.length === 0 ? <p className="hint">None. Only metadata is recorded.</p> : null}
      {value.map((a, index) => {
        const n = index + 1;
        const base = `${id}-${a.key}`;
        return (
          <div key={a.key} className="attachment-row">
            <div className="field">
              <label htmlFor={`${base}-name`}>Attachment {n} name</label>
              <input
                id={`${base}-name`}
                required
                maxLength={255}
                placeholder="deck.pdf"
                value={a.name}
                onChange={(e) => update(a.key, { name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${base}-type`}>Media type</label>
              <input
                id={`${base}-type`}
                required
                pattern="[a-z]+/[A-Za-z0-9.+\-]+"
                value={a.mediaType}
                onChange={(e) => update(a.key, { mediaType: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${base}-size`}>Size in bytes</label>
              <input
                id={`${base}-size`}
                type="number"
                min="0"
                step="1"
                required
                value={a.byteSize}
                onChange={(e) => update(a.key, { byteSize: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="link-button"
              aria-label={`Remove attachment ${n}`}
              onClick={() => onChange(value.filter((other) => other.key !== a.key))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        disabled={value.length >= 20}
        onClick={() => onChange([...value, newAttachmentDraft()])}
      >
        Add attachment
      </button>
    </fieldset>
  );
}
