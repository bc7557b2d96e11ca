import fs from "node:fs";
import path from "node:path";
import { renderReportHtml } from "./report-html.js";
import type { CertificationReport } from "./run-certification.js";

/** Writes report.json and the self-contained report.html into `dir`; returns their paths. */
export function writeReports(
  dir: string,
  report: CertificationReport,
): { json: string; html: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "report.json");
  const html = path.join(dir, "report.html");
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(html, renderReportHtml(report));
  return { json, html };
}
