import fs from "node:fs/promises";
import path from "node:path";
import { buildRsmfManifests } from "./build-rsmf-manifests.js";
import { readVerifiedMemberEvents } from "./read-member-events.js";
import { buildRsmfMessage } from "./rsmf-message.js";

/**
 * `archive export-rsmf`: one `.rsmf` per conversation (or per conversation per UTC day
 * with `slice`), named `<begin>-<n>.rsmf`. Returns the files written.
 */
export async function exportMemberRsmf(
  archiveDir: string,
  memberUrn: string,
  outDir: string,
  options: { from?: number; to?: number; slice: boolean },
): Promise<{ files: string[] }> {
  const { events } = await readVerifiedMemberEvents(archiveDir, memberUrn, options);
  await fs.mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const units = buildRsmfManifests(events, memberUrn, { slice: options.slice });
  for (const [i, unit] of units.entries()) {
    const stamp = new Date(unit.begin).toISOString().replace(/[-:]|\.\d+/g, "");
    const name = `${stamp}-${String(i + 1).padStart(4, "0")}.rsmf`;
    await fs.writeFile(path.join(outDir, name), buildRsmfMessage(unit, memberUrn), "utf8");
    files.push(name);
  }
  return { files };
}
