import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { zipSync } from "fflate";
import { memberDirectory } from "../archive-layout.js";
import { readCaptureObservations } from "../capture-observations.js";
import { buildMessageEml } from "../eml/message-eml.js";
import { buildRsmfManifests, createdAt } from "../rsmf/build-rsmf-manifests.js";
import { readMemberEvents } from "../rsmf/read-member-events.js";
import { buildRsmfMessage } from "../rsmf/rsmf-message.js";
import { buildCaptureWindow, describeCaptureWindow } from "./capture-window.js";
import { describePeriodVerification, verifyPeriod } from "./period-verification.js";
import { productionSummary } from "./production-summary.js";
import { transcriptHtml } from "./transcript-html.js";

/**
 * `archive produce`: what a firm hands an examiner for one member and period, as one zip:
 * HTML transcripts, EML, RSMF, the raw event lines, the chain verification, the capture
 * window as observed, a summary, and `manifest.json` with every file's SHA-256 and size.
 *
 * A chain that does not verify does not stop the package: the firm still owes the examiner
 * the records it holds, and the package says, in the audit trail and on the summary's first
 * lines, where the chain breaks (`verification` is `broken`; the CLI exits 1).
 */
export async function producePackage(
  archiveDir: string,
  memberUrn: string,
  range: { from: number; to: number },
  outFile: string,
): Promise<{ files: number; events: number; ms: number; verification: "ok" | "broken" }> {
  const started = performance.now();
  const memberDir = memberDirectory(archiveDir, memberUrn);
  const { events, lines } = await readMemberEvents(archiveDir, memberUrn, range);
  const verification = await verifyPeriod(memberDir, memberUrn, range);
  const window = buildCaptureWindow(
    memberUrn,
    await readCaptureObservations(memberDir),
    events,
    range,
  );
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, content: string) => {
    files[name] = Buffer.from(content, "utf8");
  };
  put("events/events.jsonl", lines.map((l) => `${l}\n`).join(""));
  const emlNames = new Set<string>();
  for (const event of events) {
    if (event.resourceName !== "messages") continue;
    const eml = buildMessageEml(event);
    if (emlNames.has(eml.fileName)) continue;
    emlNames.add(eml.fileName);
    put(`eml/${eml.fileName}`, eml.content);
  }
  const units = buildRsmfManifests(events, memberUrn, { slice: false });
  for (const [i, unit] of units.entries()) {
    const n = String(i + 1).padStart(4, "0");
    put(`rsmf/conversation-${n}.rsmf`, buildRsmfMessage(unit, memberUrn));
    put(`transcripts/conversation-${n}.html`, transcriptHtml(unit, memberUrn));
  }
  const verifiedAt = new Date().toISOString();
  put(
    "audit/chain-verification.json",
    `${JSON.stringify({ ...verification, verifiedAt }, null, 2)}\n`,
  );
  put("audit/capture-window.json", `${JSON.stringify(window, null, 2)}\n`);
  put(
    "summary.txt",
    productionSummary(memberUrn, range, events.map(createdAt), [
      ...describePeriodVerification(verification),
      "",
      ...describeCaptureWindow(window),
    ]),
  );
  const manifest = Object.entries(files).map(([name, bytes]) => ({
    path: name,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  }));
  put(
    "manifest.json",
    `${JSON.stringify({ member: memberUrn, from: iso(range.from), to: iso(range.to), files: manifest }, null, 2)}\n`,
  );
  await fs.writeFile(outFile, zipSync(files, { level: 6 }));
  return {
    files: manifest.length + 1,
    events: events.length,
    ms: performance.now() - started,
    verification: verification.result,
  };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
