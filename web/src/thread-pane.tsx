import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { MemberView, SentMessage, ThreadView } from "./api-types";
import { ErrorMessage } from "./error-message";
import { formatBytes, formatIso, formatTime } from "./format";
import { useAction } from "./use-action";
import { useApi } from "./use-api";

const THREAD_POLL_MS = 3_000;

/** One thread as its participant reads it, oldest message first, with a reply box. */
export function ThreadPane({
  threadId,
  member,
  nameOf,
  onSent,
}: {
  threadId: string;
  member: MemberView;
  nameOf(urn: string): string;
  onSent(result: SentMessage): void;
}) {
  const thread = useApi<ThreadView>(`/sandbox/threads/${encodeURIComponent(threadId)}`, {
    pollMs: THREAD_POLL_MS,
  });
  const data = thread.data;
  return (
    <section className="card thread" aria-labelledby="thread-title">
      <ErrorMessage error={thread.error} />
      {thread.loading ? <p className="loading">Loading thread…</p> : null}
      {data ? (
        <>
          <h2 id="thread-title">{data.subject ?? "(no subject)"}</h2>
          <p className="hint">
            Between you and{" "}
            {data.participants
              .filter((p) => p.member !== member.urn)
              .map((p) => nameOf(p.member))
              .join(", ")}
          </p>
          <ol className="messages">
            {data.messages?.map((message) => {
              const mine = message.from === member.urn;
              return (
                <li key={message.id} className={mine ? "message mine" : "message"}>
                  <article aria-label={`Message from ${mine ? "you" : nameOf(message.from)}`}>
                    <header className="message-head">
                      <strong>{mine ? "You" : nameOf(message.from)}</strong>{" "}
                      <time dateTime={formatIso(message.createdAt)}>
                        {formatTime(message.createdAt)}
                      </time>
                      {message.inMail ? <span className="badge">InMail</span> : null}
                      {message.mailbox === "PERSONAL" ? (
                        <span className="badge">personal mailbox</span>
                      ) : null}
                    </header>
                    {message.subject && message.subject !== data.subject ? (
                      <p className="message-subject">{message.subject}</p>
                    ) : null}
                    <p className="message-text">{message.text}</p>
                    {message.attachments.length > 0 ? (
                      <ul className="attachment-list" aria-label="Attachments">
                        {message.attachments.map((a) => (
                          <li key={`${a.name}-${a.byteSize}`}>
                            {a.name}{" "}
                            <span className="muted">
                              ({a.mediaType}, {formatBytes(a.byteSize)})
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </article>
                </li>
              );
            })}
          </ol>
          <ReplyForm
            member={member}
            threadUrn={data.urn}
            onSent={(result) => {
              onSent(result);
              thread.reload();
            }}
          />
        </>
      ) : null}
    </section>
  );
}

function ReplyForm({
  member,
  threadUrn,
  onSent,
}: {
  member: MemberView;
  threadUrn: string;
  onSent(result: SentMessage): void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const { busy, error, run } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      api<SentMessage>("/sandbox/messages", {
        method: "POST",
        body: {
          from: member.urn,
          thread: threadUrn,
          text,
          mailbox: member.salesIdentity ? "SALES_NAVIGATOR" : "PERSONAL",
        },
      }),
    );
    if (result) {
      setText("");
      onSent(result);
    }
  };
  return (
    <form className="form reply" onSubmit={submit}>
      <label htmlFor={id}>Reply</label>
      <textarea id={id} rows={3} required value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy || text.trim() === ""}>
        {busy ? "Sending…" : "Send reply"}
      </button>
    </form>
  );
}
