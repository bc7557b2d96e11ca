import { useState } from "react";
import type { ElementList, MemberView } from "./api-types";
import { CreateMemberForm } from "./create-member-form";
import { EmptyState } from "./empty-state";
import { ErrorMessage } from "./error-message";
import { formatTime, fullName } from "./format";
import { Page } from "./page";
import { UrnText } from "./urn-text";
import { useApi } from "./use-api";
import { href } from "./use-hash-route";

/** LinkedIn members: create one, with or without a Sales Navigator seat. */
export function MembersPage() {
  const members = useApi<ElementList<MemberView>>("/sandbox/members");
  const [created, setCreated] = useState<MemberView | null>(null);

  return (
    <Page
      title="Members"
      intro="LinkedIn members. With a Sales Navigator seat they message from a sales identity."
    >
      <CreateMemberForm
        onCreated={(member) => {
          setCreated(member);
          members.reload();
        }}
      />
      {created ? (
        <p className="notice" role="status">
          Created {fullName(created)} (<code>{created.urn}</code>).{" "}
          <a href={href(["members", created.id])}>Open their authorizations</a>
        </p>
      ) : null}
      <section aria-labelledby="members-list">
        <h2 id="members-list">All members</h2>
        <ErrorMessage error={members.error} />
        {members.loading ? <p className="loading">Loading members…</p> : null}
        {members.data && members.data.elements.length === 0 ? (
          <EmptyState title="No members yet">
            Create two members above, then send a message from one inbox to the other.
          </EmptyState>
        ) : null}
        {members.data && members.data.elements.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">URN</th>
                  <th scope="col">Sales Navigator seat</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.data.elements.map((member) => (
                  <tr key={member.id}>
                    <th scope="row">
                      <a href={href(["members", member.id])}>{fullName(member)}</a>
                    </th>
                    <td>
                      <UrnText urn={member.urn} />
                    </td>
                    <td>
                      {member.salesIdentity ? (
                        <>
                          Yes <UrnText urn={member.salesIdentity} />
                        </>
                      ) : (
                        "No"
                      )}
                    </td>
                    <td>{formatTime(member.createdAt)}</td>
                    <td className="links">
                      <a href={href(["members", member.id])}>Authorizations</a>{" "}
                      <a href={href(["inbox", member.id])}>Inbox</a>
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
