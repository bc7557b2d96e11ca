import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { renderCsrfField } from "./hidden-fields.js";
import { renderPage } from "./layout.js";
import { describeScope } from "./scope-descriptions.js";

/** The form field naming the application to remove. */
export const APP_ID_FIELD_NAME = "app_id";

export interface PermittedServicesPageInput {
  memberName: string;
  /** `grantedAt` is epoch milliseconds. */
  apps: readonly { id: string; name: string; grantedAt: number; scopes: readonly string[] }[];
  csrfToken: string;
  action: string;
}

/**
 * The member's privacy settings, "Permitted services": every application they authorized,
 * each with a "Remove" button in its own POST form carrying that application's id.
 */
export function renderPermittedServicesPage(input: PermittedServicesPageInput): string {
  const list =
    input.apps.length === 0
      ? "<p>You have not authorized any applications.</p>"
      : `<ul class="plain">
${input.apps.map((app) => renderApp(app, input)).join("\n")}
</ul>`;
  const body = `<h1>Permitted services</h1>
<p class="muted">Signed in as <strong>${escapeHtml(input.memberName)}</strong>. Removing an application revokes its access and ends its compliance archiving for you at once.</p>
${list}`;
  return renderPage({ title: "Permitted services", body });
}

function renderApp(
  app: PermittedServicesPageInput["apps"][number],
  input: PermittedServicesPageInput,
): string {
  const name = escapeHtml(app.name);
  const date = new Date(app.grantedAt).toISOString();
  const scopes =
    app.scopes.length === 0
      ? ""
      : `<ul>${app.scopes.map((scope) => `<li>${escapeHtml(describeScope(scope))}</li>`).join("")}</ul>\n`;
  return `<li>
<h2>${name}</h2>
<p class="muted">Authorized <time datetime="${date}">${date.slice(0, 10)}</time></p>
${scopes}<form method="post" action="${escapeAttribute(input.action)}">
${renderCsrfField(input.csrfToken)}
<input type="hidden" name="${APP_ID_FIELD_NAME}" value="${escapeAttribute(app.id)}">
<button type="submit" class="danger">Remove<span class="visually-hidden"> ${name}</span></button>
</form>
</li>`;
}
