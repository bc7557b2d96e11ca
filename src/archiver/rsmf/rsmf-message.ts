import { zipSync } from "fflate";
import type { RsmfUnit } from "./build-rsmf-manifests.js";

export const RSMF_GENERATOR = "Regula reference archiver";

/**
 * An RSMF file: an RFC 5322 message with the `X-RSMF-*` headers, a short text/plain
 * preview and exactly one base64 attachment `rsmf.zip` holding `rsmf_manifest.json` at its
 * root and the files the manifest names. All of it is ASCII, so every parser reads it alike.
 */
export function buildRsmfMessage(unit: RsmfUnit, custodian: string): string {
  const zip = zipSync({
    "rsmf_manifest.json": new TextEncoder().encode(JSON.stringify(unit.manifest, null, 2)),
    ...Object.fromEntries(unit.files),
  });
  const boundary = `regula-rsmf-${unit.begin}-${unit.manifest.events.length}`;
  const count = unit.manifest.events.length;
  const iso = (t: number) => new Date(t).toISOString();
  const preview = [
    `RSMF export of a LinkedIn Sales Navigator conversation (${count} events).`,
    `Custodian: ${asciiOnly(custodian)}`,
    `Conversation: ${asciiOnly(unit.conversation)}`,
    `From ${iso(unit.begin)} to ${iso(unit.end)}.`,
    "Open the rsmf.zip attachment in a review platform that reads RSMF 2.0.",
  ].join("\r\n");
  const base64 = (
    Buffer.from(zip)
      .toString("base64")
      .match(/.{1,76}/g) ?? []
  ).join("\r\n");
  const headers = [
    `From: ${RSMF_GENERATOR.replace(/ /g, "-").toLowerCase()}@regula.invalid`,
    "To: review@regula.invalid",
    `Date: ${new Date(unit.begin).toUTCString().replace("GMT", "+0000")}`,
    `Subject: RSMF ${iso(unit.begin).slice(0, 10)} ${count} events`,
    `Message-ID: <rsmf-${unit.begin}-${hex(unit.conversation)}@regula.invalid>`,
    "X-RSMF-Version: 2.0.0",
    `X-RSMF-Generator: ${RSMF_GENERATOR}`,
    `X-RSMF-BeginDate: ${iso(unit.begin)}`,
    `X-RSMF-EndDate: ${iso(unit.end)}`,
    `X-RSMF-EventCount: ${count}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  return [
    headers.join("\r\n"),
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=us-ascii",
    "Content-Transfer-Encoding: 7bit",
    "",
    preview,
    `--${boundary}`,
    'Content-Type: application/zip; name="rsmf.zip"',
    'Content-Disposition: attachment; filename="rsmf.zip"',
    "Content-Transfer-Encoding: base64",
    "",
    base64,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

function asciiOnly(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, "?");
}

function hex(value: string): string {
  return Buffer.from(value, "utf8").toString("hex").slice(0, 48);
}
