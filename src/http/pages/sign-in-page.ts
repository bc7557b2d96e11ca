import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { renderCsrfField, renderHiddenFields } from "./hidden-fields.js";
import { renderPage } from "./layout.js";

/** The form field naming the member the visitor signs in as. */
export const MEMBER_FIELD_NAME = "member_id";

export interface SignInPageInput {
  members: readonly { id: string; name: string; headline?: string }[];
  /** The original authorization request, carried through the POST unchanged. */
  hiddenFields: Readonly<Record<string, string>>;
  csrfToken: string;
  action: string;
}

/**
 * The sandbox's sign-in: no password, the visitor picks one of the sandbox's members from a
 * list of radio buttons and posts the choice with the authorization request it came from.
 */
export function renderSignInPage(input: SignInPageInput): string {
  const body =
    input.members.length === 0
      ? `<h1>Sign in</h1>
<p>This sandbox has no members yet. Add one through the control plane or the console, then reload this page.</p>`
      : `<h1>Sign in</h1>
<p class="muted">This is a sandbox: choose a member to act as. No password is needed.</p>
<form method="post" action="${escapeAttribute(input.action)}">
${renderCsrfField(input.csrfToken)}
${renderHiddenFields(input.hiddenFields)}
<fieldset>
<legend>Sign in as</legend>
${input.members.map(renderMemberChoice).join("\n")}
</fieldset>
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>`;
  return renderPage({ title: "Sign in", body });
}

function renderMemberChoice(
  member: { id: string; name: string; headline?: string },
  index: number,
): string {
  // Element ids come from the position, never from member data.
  const id = `member-${index}`;
  const headline = member.headline
    ? `<span class="muted">${escapeHtml(member.headline)}</span>`
    : "";
  return `<div class="choice">
<input type="radio" id="${id}" name="${MEMBER_FIELD_NAME}" value="${escapeAttribute(member.id)}"${index === 0 ? " required" : ""}>
<label for="${id}"><span>${escapeHtml(member.name)}</span>${headline}</label>
</div>`;
}
