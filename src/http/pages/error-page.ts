import { escapeHtml } from "./escape-html.js";
import { renderPage } from "./layout.js";

/** An error shown to the member instead of a redirect, e.g. an unknown client or redirect URI. */
export function renderErrorPage(input: { title: string; message: string }): string {
  const body = `<h1>${escapeHtml(input.title)}</h1>
<p role="alert">${escapeHtml(input.message)}</p>`;
  return renderPage({ title: input.title, body });
}
