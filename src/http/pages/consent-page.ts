import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { renderCsrfField, renderHiddenFields } from "./hidden-fields.js";
import { renderPage } from "./layout.js";

/** The form field carrying the member's answer, `allow` or `cancel`. */
export const DECISION_FIELD_NAME = "decision";

export interface ConsentPageInput {
  appName: string;
  memberName: string;
  permissions: readonly { scope: string; description: string }[];
  /** The original authorization request, carried through the POST unchanged. */
  hiddenFields: Readonly<Record<string, string>>;
  csrfToken: string;
  action: string;
}

/**
 * The consent screen: which application asks, for which permissions, on behalf of which
 * signed-in member; "Allow" and "Cancel" post `decision=allow` / `decision=cancel`.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const appName = escapeHtml(input.appName);
  const permissions = input.permissions
    .map(
      (p) =>
        `<li><span>${escapeHtml(p.description)}</span> <code class="muted">${escapeHtml(p.scope)}</code></li>`,
    )
    .join("\n");
  const body = `<h1>${appName} would like to access your account</h1>
<p>Signed in as <strong>${escapeHtml(input.memberName)}</strong>.</p>
<h2 id="permissions-heading">${appName} is asking to:</h2>
<ul class="plain" aria-labelledby="permissions-heading">
${permissions}
</ul>
<form method="post" action="${escapeAttribute(input.action)}">
${renderCsrfField(input.csrfToken)}
${renderHiddenFields(input.hiddenFields)}
<div class="actions">
<button type="submit" class="primary" name="${DECISION_FIELD_NAME}" value="allow">Allow</button>
<button type="submit" class="secondary" name="${DECISION_FIELD_NAME}" value="cancel">Cancel</button>
</div>
</form>
<p class="muted">You can remove this application at any time in your privacy settings, under Permitted services.</p>`;
  return renderPage({ title: `Allow ${input.appName}?`, body });
}
