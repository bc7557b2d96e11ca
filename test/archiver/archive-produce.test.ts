import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { runArchiveCli } from "../../src/cli/archive.js";
import { personUrn } from "../../src/urn.js";
import { sendMessage } from "../helpers/compliance-client.js";
import { createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import { type ArchiverWorld, createArchiverWorld } from "./archiver-world.js";

const sqlite = storeTargets.filter((t) => t.name === "sqlite");

describe.each(sqlite)("archive produce on $name", (target) => {
  let world: ArchiverWorld;
  const h = useHarness(target, { listen: true });
  afterEach(() => world.dispose());

  it("writes a package whose manifest lists every file with SHA-256 and size", async () => {
    world = await createArchiverWorld(h);
    const ada = await world.addMember();
    const zoe = personUrn((await createTestMember(h.services, { firstName: "Zoë" })).id);
    const start = h.services.clock.nowMs();
    const first = await sendMessage(h.app, {
      from: ada.urn,
      to: [zoe],
      subject: "Plan <b>",
      text: "Hello <script>x</script>",
    });
    await h.services.clock.advance(2 * 86_400_000);
    await sendMessage(h.app, { from: zoe, thread: first.thread, text: "Later 🎉" });
    await world.run();
    const out = path.join(world.config.archiveDir, "..", "package.zip");
    let printed = "";
    const io = {
      stdout: {
        write: (t: string) => {
          printed += t;
        },
      },
      stderr: { write: () => {} },
    };
    const code = await runArchiveCli(
      [
        "produce",
        "--dir",
        world.config.archiveDir,
        "--member",
        ada.urn,
        "--from",
        new Date(start - 1000).toISOString(),
        "--to",
        new Date(start + 3 * 86_400_000).toISOString(),
        "--out",
        out,
      ],
      io,
    );
    expect(code).toBe(0);
    expect(printed).toMatch(/2 events, \d+ files in \d+\.\d\d s/);
    const zip = unzipSync(new Uint8Array(await fs.readFile(out)));
    const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"]));
    const names = Object.keys(zip)
      .filter((n) => n !== "manifest.json")
      .sort();
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(names);
    for (const f of manifest.files) {
      expect(f.size).toBe(zip[f.path]!.byteLength);
      expect(f.sha256).toBe(createHash("sha256").update(zip[f.path]!).digest("hex"));
    }
    expect(names.filter((n) => n.startsWith("eml/"))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith("rsmf/"))).toHaveLength(1);
    const html = new TextDecoder().decode(zip["transcripts/conversation-0001.html"]);
    expect(html).toContain("Hello &#60;script&#62;x&#60;/script&#62;");
    expect(html).not.toMatch(/<script|https?:/);
    expect(new TextDecoder().decode(zip["events/events.jsonl"]).trim().split("\n")).toHaveLength(2);
    const verification = JSON.parse(new TextDecoder().decode(zip["audit/chain-verification.json"]));
    expect(verification).toMatchObject({
      result: "ok",
      linksVerified: 2,
      firstBrokenLink: null,
      periodRecords: { linksVerified: 2, first: { seq: 1 }, last: { seq: 2 } },
    });
    expect(verification.head.hash).toBe(verification.periodRecords.last.hash);
    const summary = new TextDecoder().decode(zip["summary.txt"]);
    expect(summary).toContain("Events: 2");
    expect(summary).toMatch(/Days without events \(gaps\): \d{4}-\d\d-\d\d/);
  });
});
