import { type FormEvent, useId, useState } from "react";
import { api } from "./api-client";
import type { MemberView } from "./api-types";
import { ErrorMessage } from "./error-message";
import { useAction } from "./use-action";

/** `POST /sandbox/members`, as a form. */
export function CreateMemberForm({ onCreated }: { onCreated(member: MemberView): void }) {
  const id = useId();
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [seat, setSeat] = useState(true);
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() =>
      api<MemberView>("/sandbox/members", {
        method: "POST",
        body: { firstName: firstName.trim(), lastName: lastName.trim(), salesNavigator: seat },
      }),
    );
    if (created) {
      setFirstName("");
      setLastName("");
      onCreated(created);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create a member</h2>
      <div className="grid-3">
        <div className="field">
          <label htmlFor={`${id}-first`}>First name</label>
          <input
            id={`${id}-first`}
            required
            maxLength={100}
            value={firstName}
            onChange={(e) => setFirstName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-last`}>Last name</label>
          <input
            id={`${id}-last`}
            maxLength={100}
            value={lastName}
            onChange={(e) => setLastName(e.target.value)}
          />
        </div>
        <fieldset className="field checks">
          <legend>Sales Navigator</legend>
          <label>
            <input type="checkbox" checked={seat} onChange={(e) => setSeat(e.target.checked)} /> Has
            a seat (a sales identity)
          </label>
        </fieldset>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Creating…" : "Create member"}
      </button>
    </form>
  );
}
