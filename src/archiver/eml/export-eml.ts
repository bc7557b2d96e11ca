import fs from "node:fs/promises";
import path from "node:path";
import { listDayFiles, memberDirectory } from "../archive-layout.js";
import { parseRecordLine, splitArchiveLines } from "../archive-lines.js";
import { verifyMember } from "../verify-archive.js";
import { buildMessageEml } from "./message-eml.js";

/**
 * `archive export-eml`: one `.eml` per archived message of a member, named
 * `<createdAt>-<eventId>.eml`. The member's chain is verified first: an export is evidence
 * too, and must not be made from an archive that was tampered with.
 */
export async function exportMemberEml(
  archiveDir: string,
  memberUrn: string,
  outDir: string,
): Promise<{ written: number }> {
  const memberDir = memberDirectory(archiveDir, memberUrn);
  const files = await listDayFiles(memberDir);
  if (files.length === 0) throw new Error(`no archive for ${memberUrn} in ${archiveDir}`);
  const verified = await verifyMember(memberDir, memberUrn);
  if ("problem" in verified) {
    const at = `${verified.file}${verified.line === null ? "" : `:${verified.line}`}`;
    throw new Error(`the archive does not verify at ${at}: ${verified.problem}`);
  }
  await fs.mkdir(outDir, { recursive: true });
  const exported = new Set<string>();
  for (const file of files) {
    const { lines } = splitArchiveLines(await fs.readFile(path.join(memberDir, file)));
    for (const line of lines) {
      const parsed = parseRecordLine(line.text);
      if ("problem" in parsed) continue; // verified above; cannot happen
      const { event } = parsed.record;
      // One file per message: a message is archived once per owner, but be safe.
      if (event.resourceName !== "messages" || exported.has(String(event.resourceId))) continue;
      exported.add(String(event.resourceId));
      const eml = buildMessageEml(event);
      await fs.writeFile(path.join(outDir, eml.fileName), eml.content, "utf8");
    }
  }
  return { written: exported.size };
}
