import { createHash } from "node:crypto";
import { escapeHtml } from "./escape-html.js";

/**
 * The one stylesheet, inline so the pages load nothing from anywhere (no fonts, CDNs or
 * images). Colours meet WCAG 2.1 AA contrast (body text 16:1, muted text 8:1, white on the
 * buttons 5.7:1 and 6.6:1), and every control shows a visible focus ring.
 */
const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1rem;line-height:1.5;color:#1b1f23;background:#f3f2ef}
.skip-link{position:absolute;left:-10000px}
.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;z-index:1}
.site-header{background:#1d2226;color:#fff;padding:.75rem 1.5rem}
.site-header p{margin:0;font-weight:600}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d0d4d8;border-radius:.5rem}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.125rem;margin:0 0 .25rem}
.muted{color:#434a52}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.choice{display:flex;gap:.75rem;align-items:flex-start;padding:.75rem;border:1px solid #d0d4d8;border-radius:.375rem;margin-bottom:.5rem}
.choice input{margin-top:.3rem}
.choice label{cursor:pointer}
.choice span{display:block}
ul.plain{list-style:none;margin:0 0 1rem;padding:0}
ul.plain>li{padding:.75rem 0;border-bottom:1px solid #d0d4d8}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1rem}
button{font:inherit;font-weight:600;padding:.5rem 1.25rem;border-radius:1.5rem;cursor:pointer;border:2px solid #0a66c2}
.primary{background:#0a66c2;color:#fff}
.secondary{background:#fff;color:#0a66c2}
.danger{background:#b42318;border-color:#b42318;color:#fff}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1b1f23;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.875em}
pre{white-space:pre-wrap;word-break:break-all;background:#f3f2ef;padding:.75rem;border-radius:.375rem}
footer{text-align:center;font-size:.875rem;color:#434a52;margin-bottom:2rem}
`;

/**
 * A Content-Security-Policy for these pages: nothing may load, and the inline stylesheet is
 * allowed by its hash. No `form-action`: browsers apply it to the redirect that follows a
 * form post, and consent ends in a redirect to the client's own `redirect_uri`.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLESHEET, "utf8").digest("base64")}'`,
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** A whole HTML5 document around `body`, which is trusted markup; `title` is text and escaped. */
export function renderPage(page: { title: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)} · Regula</title>
<style>${STYLESHEET}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><p>Regula — LinkedIn sandbox</p></header>
<main id="main">
${page.body}
</main>
<footer><p>A sandbox: no real LinkedIn account or data is involved.</p></footer>
</body>
</html>
`;
}
