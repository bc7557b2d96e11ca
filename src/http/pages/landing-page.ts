import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { renderPage } from "./layout.js";

export interface LandingApplication {
  id: string;
  name: string;
  clientId: string;
  /** A ready consent link when the application registered this server's callback page. */
  authorizationUrl: string | null;
}

export interface LandingPageInput {
  applications: readonly LandingApplication[];
  memberIds: readonly string[];
}

/** The links a newcomer needs first, in the order they are likely to need them. */
const LINKS: ReadonlyArray<[href: string, label: string, what: string]> = [
  ["/console/", "Console", "drive the sandbox: applications, members, messages, events, time"],
  ["/docs", "API documentation", "every operation, its parameters and responses, for people"],
  ["/openapi.json", "OpenAPI document", "every operation, for code generators and contract tests"],
  ["/healthz", "Health", "the process answers"],
  ["/readyz", "Readiness", "the store is reachable and migrated"],
];

/**
 * `GET /`: what this server is, where to go next, and the demo world's public credentials
 * (client ids, member ids). Secrets and the admin key are never shown here: the page needs
 * no authentication, so it says where to find them instead.
 */
export function renderLandingPage(input: LandingPageInput): string {
  const links = LINKS.map(
    ([href, label, what]) =>
      `<li><a href="${escapeAttribute(href)}">${escapeHtml(label)}</a> <span class="muted">— ${escapeHtml(what)}</span></li>`,
  ).join("\n");
  const applications = input.applications.length
    ? `<ul class="plain">${input.applications.map(renderApplication).join("\n")}</ul>`
    : `<p class="muted">No applications yet: create one in the console.</p>`;
  const members = input.memberIds.length
    ? `<p>Members: ${input.memberIds.map((id) => `<code>${escapeHtml(id)}</code>`).join(", ")}.</p>`
    : "";
  return renderPage({
    title: "Welcome",
    body: `<h1>Regula</h1>
<p>A self-hosted, LinkedIn-compatible sandbox of the Compliance APIs for Sales Navigator:
OAuth 2.0 under <code>/oauth/v2</code>, the Compliance Management and Compliance Events APIs
under <code>/rest</code>, and a control plane under <code>/sandbox</code>.</p>
<ul>
${links}
</ul>
<h2>This world</h2>
${applications}
${members}
<p class="muted">Client secrets and the admin key are not shown here. The admin key is printed
at first start and kept in the data directory (<code>admin-key</code>); a client secret is
shown when it is created or rotated (<code>POST /sandbox/applications/{id}/secret</code>).</p>`,
  });
}

function renderApplication(app: LandingApplication): string {
  const consent = app.authorizationUrl
    ? `<br><a href="${escapeAttribute(app.authorizationUrl)}">Sign in as a member and authorize it</a>`
    : "";
  return `<li><strong>${escapeHtml(app.name)}</strong> <span class="muted">(application ${escapeHtml(app.id)})</span><br>client_id <code>${escapeHtml(app.clientId)}</code>${consent}</li>`;
}
