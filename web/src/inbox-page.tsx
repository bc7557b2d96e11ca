import { useState } from "react";
import { urnId } from "./api-client";
import type { ElementList, MemberView, SentMessage, ThreadView } from "./api-types";
import { ComposeForm } from "./compose-form";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime, fullName } from "./format";
import { MemberPicker } from "./member-picker";
import { Page } from "./page";
import { ThreadPane } from "./thread-pane";
import { useApi } from "./use-api";
import { href, navigate } from "./use-hash-route";

const THREADS_POLL_MS = 3_000;

/** A member's Sales Navigator inbox: their threads, one thread's messages, a new message. */
export function InboxPage({
  memberId,
  thread,
}: {
  memberId: string | null;
  thread: string | null;
}) {
  const members = useApi<ElementList<MemberView>>("/sandbox/members");
  const threads = useApi<ElementList<ThreadView>>(
    memberId ? `/sandbox/threads?member=${encodeURIComponent(memberId)}` : null,
    { pollMs: THREADS_POLL_MS },
  );
  const [lastSent, setLastSent] = useState<SentMessage | null>(null);
  const all = members.data?.elements ?? [];
  const member = all.find((m) => m.id === memberId) ?? null;
  const nameOf = (urn: string) => {
    const found = all.find((m) => m.urn === urn);
    return found ? fullName(found) : urn;
  };

  const sent = (result: SentMessage) => {
    setLastSent(result);
    threads.reload();
    navigate(["inbox", memberId ?? ""], { thread: urnId(result.thread) });
  };

  return (
    <Page title={member ? `Inbox of ${fullName(member)}` : "Inbox"}>
      <MemberPicker
        label="Mailbox of"
        members={all}
        value={memberId}
        onChange={(id) => navigate(["inbox", id])}
      />
      <ErrorMessage error={members.error} />
      {memberId && members.data && !member ? (
        <ErrorMessage error={new Error(`No member ${memberId}`)} />
      ) : null}
      {!memberId && members.data ? (
        all.length === 0 ? (
          <EmptyState title="No members yet">
            <a href={href(["members"])}>Create members</a> to give them an inbox.
          </EmptyState>
        ) : (
          <EmptyState title="Choose whose inbox to open">
            Every member has one; messages sent here go through the same capture as the API.
          </EmptyState>
        )
      ) : null}
      {member ? (
        <div className="inbox">
          <nav className="thread-list" aria-labelledby="threads-title">
            <div className="row spread">
              <h2 id="threads-title">Threads</h2>
              <a className="button primary" href={href(["inbox", member.id])}>
                New message
              </a>
            </div>
            <ErrorMessage error={threads.error} />
            {threads.data?.elements.length === 0 ? (
              <EmptyState title="No threads yet">Write the first message.</EmptyState>
            ) : null}
            <ul className="thread-items">
              {threads.data?.elements.map((t) => (
                <li key={t.id}>
                  <a
                    href={href(["inbox", member.id], { thread: t.id })}
                    aria-current={t.id === thread ? "true" : undefined}
                  >
                    <span className="thread-subject">{t.subject ?? "(no subject)"}</span>
                    <span className="thread-people">
                      {t.participants
                        .filter((p) => p.member !== member.urn)
                        .map((p) => nameOf(p.member))
                        .join(", ")}
                    </span>
                    <span className="thread-time">{formatTime(t.lastMessageAt)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="thread-main">
            {lastSent && urnId(lastSent.thread) === thread ? (
              <p className="notice" role="status">
                Sent. Captured as {lastSent.capturedFor.length} compliance event
                {lastSent.capturedFor.length === 1 ? "" : "s"}
                {lastSent.capturedFor.length > 0
                  ? ` (for ${lastSent.capturedFor.map((c) => nameOf(c.owner)).join(", ")})`
                  : ": no participant is regulated"}
                .
              </p>
            ) : null}
            {thread ? (
              <ThreadPane
                key={thread}
                threadId={thread}
                member={member}
                nameOf={nameOf}
                onSent={setLastSent}
              />
            ) : (
              <ComposeForm member={member} members={all} onSent={sent} />
            )}
          </div>
        </div>
      ) : null}
    </Page>
  );
}
