import type { RsmfUnit } from "../rsmf/build-rsmf-manifests.js";

/** A self-contained HTML transcript of one conversation: no scripts, no external resources. */
export function transcriptHtml(unit: RsmfUnit, custodian: string): string {
  const { manifest } = unit;
  const names = new Map(manifest.participants.map((p) => [p.id, p.display ?? p.id]));
  const conversation = manifest.conversations[0]!;
  const rows = manifest.events
    .map((e) => {
      const who = names.get(e.participant ?? "") ?? e.participant ?? "";
      const files = (e.attachments ?? [])
        .map((a) => `<li>${esc(a.display)} (${a.size} bytes; bytes not carried by the API)</li>`)
        .join("");
      return `<article class="${e.direction}"><header><b>${esc(who)}</b> <time>${esc(e.timestamp ?? "")}</time></header><p>${esc(e.body ?? "")}</p>${files ? `<ul>${files}</ul>` : ""}</article>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(conversation.display ?? conversation.id)}</title>
<style>body{font:15px/1.4 system-ui,sans-serif;max-width:46em;margin:2em auto;color:#222}
article{border:1px solid #ccc;border-radius:8px;padding:.5em 1em;margin:.6em 0;max-width:80%}
article.outgoing{margin-left:auto;background:#eef5ff}time{color:#666;font-size:.85em}
p{white-space:pre-wrap;overflow-wrap:anywhere}</style></head><body>
<h1>${esc(conversation.display ?? conversation.id)}</h1>
<p>LinkedIn Sales Navigator thread <code>${esc(conversation.id)}</code>; custodian <code>${esc(custodian)}</code>;
participants: ${[...names.values()].map(esc).join(", ")}; ${manifest.events.length} messages, times in UTC.</p>
${rows}
</body></html>
`;
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
