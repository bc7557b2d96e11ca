import { escapeHtml } from "./escape-html.js";
import { renderPage } from "./layout.js";

export type CallbackPageInput =
  | {
      outcome: "code";
      code: string;
      state: string | null;
      /** The exact command that exchanges the code (already complete but for the secret). */
      exchangeCommand: string;
    }
  | { outcome: "error"; error: string; description: string | null; state: string | null };

/**
 * The page behind this server's own `/callback` redirect URI: what the authorization server
 * sent back, and for a code, the `curl` that exchanges it. Every value is shown as text.
 */
export function renderCallbackPage(input: CallbackPageInput): string {
  const state = input.state === null ? "" : `<p>state <code>${escapeHtml(input.state)}</code></p>`;
  if (input.outcome === "error") {
    const description = input.description ? `<p>${escapeHtml(input.description)}</p>` : "";
    return renderPage({
      title: "Authorization not granted",
      body: `<h1>Authorization not granted</h1>
<p>error <code>${escapeHtml(input.error)}</code></p>
${description}${state}`,
    });
  }
  return renderPage({
    title: "Authorization code",
    body: `<h1>Authorization code received</h1>
<p>code <code id="code">${escapeHtml(input.code)}</code></p>
${state}
<p>Exchange it within 30 minutes; it works once:</p>
<pre><code id="exchange">${escapeHtml(input.exchangeCommand)}</code></pre>`,
  });
}
