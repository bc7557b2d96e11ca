import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { MemberView, SentMessage } from "./api-types";
import { type AttachmentDraft, AttachmentsEditor } from "./attachments-editor";
import { ErrorMessage } from "./error-message";
import { fullName } from "./format";
import { useAction } from "./use-action";

/** A new thread from `member`: recipients, optional subject, InMail flag, text, attachments. */
export function ComposeForm({
  member,
  members,
  onSent,
}: {
  member: MemberView;
  members: MemberView[];
  onSent(result: SentMessage): void;
}) {
  const id = useId();
  const [to, setTo] = useState<string[]>([]);
  const [subject, setSubject] = useState("");
  const [inMail, setInMail] = useState(false);
  const [text, setText] = useState("");
  const [attachments, setAttachments] = useState<AttachmentDraft[]>([]);
  const { busy, error, run } = useAction();
  const others = members.filter((m) => m.id !== member.id);

  const toggle = (urn: string, checked: boolean) =>
    setTo((current) => (checked ? [...current, urn] : current.filter((u) => u !== urn)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      api<SentMessage>("/sandbox/messages", {
        method: "POST",
        body: {
          from: member.urn,
          to,
          text,
          ...(subject.trim() ? { subject: subject.trim() } : {}),
          inMail,
          mailbox: member.salesIdentity ? "SALES_NAVIGATOR" : "PERSONAL",
          attachments: attachments.map((a) => ({
            name: a.name,
            mediaType: a.mediaType,
            byteSize: Number(a.byteSize),
          })),
        },
      }),
    );
    if (result) {
      setTo([]);
      setSubject("");
      setInMail(false);
      setText("");
      setAttachments([]);
      onSent(result);
    }
  };

  return (
    <form className="card form compose" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New message</h2>
      {!member.salesIdentity ? (
        <p className="hint">
          {fullName(member)} has no Sales Navigator seat: this is sent from their personal mailbox.
        </p>
      ) : null}
      <fieldset className="field checks">
        <legend>Recipients</legend>
        {others.length === 0 ? <p className="hint">Create another member to write to.</p> : null}
        {others.map((m) => (
          <label key={m.id}>
            <input
              type="checkbox"
              checked={to.includes(m.urn)}
              onChange={(e) => toggle(m.urn, e.target.checked)}
            />{" "}
            {fullName(m)} <span className="muted">({m.id})</span>
          </label>
        ))}
      </fieldset>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-subject`}>Subject (optional)</label>
          <input
            id={`${id}-subject`}
            maxLength={500}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <fieldset className="field checks">
          <legend>Kind</legend>
          <label>
            <input type="checkbox" checked={inMail} onChange={(e) => setInMail(e.target.checked)} />{" "}
            InMail
          </label>
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Message</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          required
          maxLength={20_000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <AttachmentsEditor value={attachments} onChange={setAttachments} />
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy || to.length === 0}>
        {busy ? "Sending…" : "Send"}
      </button>
    </form>
  );
}
