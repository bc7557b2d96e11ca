import fs from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { checkRsmfManifest } from "../../src/archiver/rsmf/check-rsmf-manifest.js";
import { runArchiveCli } from "../../src/cli/archive.js";
import { personUrn } from "../../src/urn.js";
import { sendMessage } from "../helpers/compliance-client.js";
import { createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import { type ArchiverWorld, createArchiverWorld } from "./archiver-world.js";
import { hasPython, readWithMailparser, readWithPython } from "./real-parsers.js";

const sqlite = storeTargets.filter((t) => t.name === "sqlite");
const quiet = { stdout: { write: () => {} }, stderr: { write: () => {} } };

describe.each(sqlite)("archive export-rsmf on $name", (target) => {
  let world: ArchiverWorld;
  const h = useHarness(target, { listen: true });
  afterEach(() => world.dispose());

  async function twoDayThread() {
    world = await createArchiverWorld(h);
    const ada = await world.addMember();
    const zoe = personUrn(
      (await createTestMember(h.services, { firstName: "Zoë 张伟", lastName: "Müller 🎉" })).id,
    );
    const first = await sendMessage(h.app, {
      from: ada.urn,
      to: [zoe],
      subject: "Q4 review — Zürich",
      text: "Hi Zoë, deck attached.",
      attachments: [{ name: "Präsentation Q4.pdf", mediaType: "application/pdf", byteSize: 48213 }],
    });
    await h.services.clock.advance(1000);
    await sendMessage(h.app, { from: zoe, thread: first.thread, text: "Grüße 你好 🎉" });
    await h.services.clock.advance(86_400_000);
    await sendMessage(h.app, { from: ada.urn, thread: first.thread, text: "Next day." });
    await world.run();
    return { ada, zoe };
  }

  async function readRsmf(file: string) {
    const mail = await readWithMailparser(await fs.readFile(file));
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.filename).toBe("rsmf.zip");
    const zip = unzipSync(new Uint8Array(attachment.content));
    const manifest = JSON.parse(new TextDecoder().decode(zip["rsmf_manifest.json"]));
    const header = (name: string) => String(mail.headers.get(name.toLowerCase()));
    return { mail, zip, manifest, header };
  }

  it.skipIf(!hasPython)(
    "writes valid RSMF 2.0 that both parsers read without defects",
    async () => {
      const { ada, zoe } = await twoDayThread();
      const out = path.join(world.config.archiveDir, "..", "rsmf");
      const code = await runArchiveCli(
        ["export-rsmf", "--dir", world.config.archiveDir, "--member", ada.urn, "--out", out],
        quiet,
      );
      expect(code).toBe(0);
      const files = await fs.readdir(out);
      expect(files).toHaveLength(1);
      const full = path.join(out, files[0]!);
      const py = readWithPython(full);
      expect(py.defects).toEqual([]);
      expect(py.partDefects).toEqual([]);
      expect(py.headers["X-RSMF-Version"]).toBe("2.0.0");
      const { mail, zip, manifest, header } = await readRsmf(full);
      expect(mail.text).toContain("RSMF export");
      expect(header("X-RSMF-EventCount")).toBe("3");
      expect(header("X-RSMF-Generator")).toBeTruthy();
      expect(header("X-RSMF-BeginDate")).toMatch(/Z$/);
      expect(
        checkRsmfManifest(manifest, {
          zipFiles: Object.keys(zip),
          eventCount: Number(header("X-RSMF-EventCount")),
        }),
      ).toEqual([]);
      const [conversation] = manifest.conversations;
      expect(conversation).toMatchObject({
        platform: "linkedin",
        type: "direct",
        custodian: ada.urn,
      });
      expect(conversation.display).toBe("Q4 review — Zürich");
      expect(manifest.participants).toContainEqual(
        expect.objectContaining({ id: zoe, display: "Zoë 张伟 Müller 🎉" }),
      );
      const [e1, e2, e3] = manifest.events;
      expect(e1).toMatchObject({ type: "message", participant: ada.urn, direction: "outgoing" });
      expect(e1.parent).toBeUndefined();
      expect(e2).toMatchObject({
        parent: e1.id,
        participant: zoe,
        direction: "incoming",
        body: "Grüße 你好 🎉",
      });
      expect(e3.parent).toBe(e2.id);
      for (const e of manifest.events) expect(e.timestamp).toMatch(/\.\d{3}Z$/);
      expect(e1.custom).toContainEqual({ name: "Subject", value: "Q4 review — Zürich" });
      expect(e1.attachments).toEqual([
        {
          id: expect.stringMatching(/^attachments\//),
          display: "Präsentation Q4.pdf",
          size: 48213,
        },
      ]);
      expect(new TextDecoder().decode(zip[e1.attachments[0].id])).toMatch(/not carried/);
    },
  );

  it("slices a conversation into UTC days tied by one eventcollectionid", async () => {
    const { ada } = await twoDayThread();
    const out = path.join(world.config.archiveDir, "..", "rsmf-sliced");
    const code = await runArchiveCli(
      [
        "export-rsmf",
        "--dir",
        world.config.archiveDir,
        "--member",
        ada.urn,
        "--slice",
        "24h",
        "--out",
        out,
      ],
      quiet,
    );
    expect(code).toBe(0);
    const files = (await fs.readdir(out)).sort();
    expect(files).toHaveLength(2);
    const read = await Promise.all(files.map((f) => readRsmf(path.join(out, f))));
    expect(read.map((r) => r.manifest.events.length)).toEqual([2, 1]);
    expect(read[0]!.manifest.eventcollectionid).toBeTruthy();
    expect(read[1]!.manifest.eventcollectionid).toBe(read[0]!.manifest.eventcollectionid);
    for (const r of read) {
      expect(r.header("X-RSMF-BeginDate")).toMatch(/T00:00:00\.000Z$/);
      expect(checkRsmfManifest(r.manifest, { zipFiles: Object.keys(r.zip) })).toEqual([]);
    }
  });

  it("refuses --slice values other than 24h", async () => {
    world = await createArchiverWorld(h);
    const code = await runArchiveCli(
      ["export-rsmf", "--dir", "x", "--member", "urn:li:person:1", "--slice", "1h", "--out", "y"],
      quiet,
    );
    expect(code).toBe(2);
  });
});
