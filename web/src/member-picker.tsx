import { useId } from "react";
import type { MemberView } from "./api-types";
import { fullName } from "./format";

/** A labelled select of members; choosing one calls `onChange` with its id. */
export function MemberPicker({
  label,
  members,
  value,
  onChange,
}: {
  label: string;
  members: MemberView[];
  value: string | null;
  onChange(memberId: string): void;
}) {
  const id = useId();
  return (
    <div className="field inline-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          Choose a member…
        </option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {fullName(m)} ({m.id})
          </option>
        ))}
      </select>
    </div>
  );
}
