import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { zipSync } from "fflate";
import { memberDirectory } from "../archive-layout.js";
import { buildMessageEml } from "../eml/message-eml.js";
import { buildRsmfManifests, createdAt } from "../rsmf/build-rsmf-manifests.js";
import { readVerifiedMemberEvents } from "../rsmf/read-member-events.js";
import { buildRsmfMessage } from "../rsmf/rsmf-message.js";
import { verifyMember } from "../verify-archive.js";
import { productionSummary } from "./production-summary.js";
import { transcriptHtml } from "./transcript-html.js";

/**
 * `archive produce`: what a firm hands an examiner for one member and period, as one zip:
 * HTML transcripts, EML, RSMF, the raw event lines, the chain verification, the capture
 * window as observed, a summary, and `manifest.json` with every file's SHA-256 and size.
 */
export async function producePackage(
  archiveDir: string,
  memberUrn: string,
  range: { from: number; to: number },
  outFile: string,
): Promise<{ files: number; events: number; ms: number }> {
  const started = performance.now();
  const { events, lines } = await readVerifiedMemberEvents(archiveDir, memberUrn, range);
  const verification = await verifyMember(memberDirectory(archiveDir, memberUrn), memberUrn);
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
  put(
    "audit/chain-verification.json",
    `${JSON.stringify({ member: memberUrn, verifiedAt: new Date().toISOString(), result: verification }, null, 2)}\n`,
  );
  put("audit/capture-window.json", `${JSON.stringify(captureWindow(events, range), null, 2)}\n`);
  put("summary.txt", productionSummary(memberUrn, range, events.map(createdAt)));
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
  return { files: manifest.length + 1, events: events.length, ms: performance.now() - started };
}

/**
 * The capture window as the archive shows it: the first and last event captured in the
 * period. Consent transitions (opt-in, opt-out, token expiry, re-consent) are not yet
 * recorded in the archive; the file says so rather than guessing them.
 */
function captureWindow(events: { processedAt: number }[], range: { from: number; to: number }) {
  return {
    period: { from: iso(range.from), to: iso(range.to) },
    firstCaptured: events[0] ? iso(events[0].processedAt) : null,
    lastCaptured: events.length ? iso(events[events.length - 1]!.processedAt) : null,
    consentTransitions: null,
    note: "The archive does not yet record consent transitions; see docs/rsmf.md.",
  };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
