import { escapeHtml } from "../http/pages/escape-html.js";
import { formatDuration, problems } from "./report-tty.js";
import type { CertificationReport, ScenarioResult } from "./run-certification.js";

/** The report as one HTML page with inline styles: no script, no external asset. */
export function renderReportHtml(report: CertificationReport): string {
  const verdict = report.passed ? "PASSED" : "FAILED";
  const rows = report.scenarios.map(scenarioRow).join("\n");
  const details = report.scenarios.map(scenarioDetails).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regula certification: ${verdict}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1 .pass{color:#17663a}h1 .fail{color:#b42318}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.fail td:first-child{border-left:4px solid #b42318}tr.pass td:first-child{border-left:4px solid #17663a}
code{font-family:ui-monospace,monospace;font-size:90%}
section{margin:1.5rem 0}ul{margin:.3rem 0}.muted{color:#57606a}
</style>
</head>
<body>
<h1>Regula certification: <span class="${report.passed ? "pass" : "fail"}">${verdict}</span></h1>
<p class="muted">Archiver <code>${escapeHtml(report.archiver)}</code> · seed ${report.seed} · size ${report.size} · store ${escapeHtml(report.store)} · started ${escapeHtml(report.startedAt)} · ${formatDuration(report.durationMs)}</p>
<table>
<thead><tr><th>scenario</th><th>result</th><th>expected</th><th>archived</th><th>missed</th><th>missed by window</th><th>duplicates</th><th>unexpected</th><th>protocol findings</th><th>late p50 / p99 / max</th><th>run time</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${details}
</body>
</html>
`;
}

function scenarioRow(s: ScenarioResult): string {
  const v = s.verdict;
  const cls = s.passed ? "pass" : "fail";
  if (!v) {
    return `<tr class="${cls}"><td>${escapeHtml(s.name)}</td><td>error</td><td colspan="8">${escapeHtml(s.error ?? "")}</td><td class="num">${formatDuration(s.durationMs)}</td></tr>`;
  }
  const num = (n: number) => `<td class="num">${n}</td>`;
  return `<tr class="${cls}"><td>${escapeHtml(s.name)}</td><td>${s.passed ? "pass" : "FAIL"}</td>${num(v.totals.expected)}${num(v.totals.archived)}${num(v.totals.missed)}${num(v.totals.missedByWindow)}${num(v.totals.duplicates)}${num(v.totals.unexpected)}${num(v.protocol.length)}<td>${formatDuration(v.late.p50Ms)} / ${formatDuration(v.late.p99Ms)} / ${formatDuration(v.late.maxMs)}</td><td class="num">${formatDuration(s.durationMs)}</td></tr>`;
}

function scenarioDetails(s: ScenarioResult): string {
  const found = problems(s);
  const members =
    s.verdict?.members
      .map(
        (m) =>
          `<tr><td><code>${escapeHtml(m.member)}</code></td><td class="num">${m.expected}</td><td class="num">${m.archived}</td><td class="num">${m.missed.length}</td><td class="num">${m.missedByWindow.length}</td><td class="num">${m.duplicates.length}</td><td>${formatDuration(m.late.p50Ms)} / ${formatDuration(m.late.p99Ms)} / ${formatDuration(m.late.maxMs)}</td></tr>`,
      )
      .join("") ?? "";
  return `<section id="${escapeHtml(s.name)}">
<h2>${escapeHtml(s.name)} <span class="${s.passed ? "pass" : "fail"}">${s.passed ? "pass" : "FAIL"}</span></h2>
<p>${escapeHtml(s.description)}</p>
<p class="muted">Stated cadence ${formatDuration(s.cadenceMs)} · ${s.events} events in Regula · archiver started ${s.archiverStarts} time(s)</p>
${found.length > 0 ? `<ul>${found.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>` : "<p>No findings.</p>"}
${members ? `<table><thead><tr><th>member</th><th>expected</th><th>archived</th><th>missed</th><th>missed by window</th><th>duplicates</th><th>late p50 / p99 / max</th></tr></thead><tbody>${members}</tbody></table>` : ""}
</section>`;
}
