import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runArchiveCli } from "../../src/cli/archive.js";
import { personUrn } from "../../src/urn.js";
import { type SentMessage, sendMessage } from "../helpers/compliance-client.js";
import { createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import { type ArchiverWorld, createArchiverWorld, type TestMember } from "./archiver-world.js";
import { type ParsedEml, parseEml } from "./parse-eml.js";
import { hasPython, readWithMailparser, readWithPython } from "./real-parsers.js";

const sqlite = storeTargets.filter((t) => t.name === "sqlite");

describe.each(sqlite)("archive export-eml on $name", (target) => {
  let world: ArchiverWorld;
  let ada: TestMember;
  let bob: TestMember;
  let zoe: string;
  let sent: SentMessage[];
  let outDir: string;
  let parsed: Map<string, ParsedEml>;

  const h = useHarness(target, { listen: true });
  beforeEach(async () => {
    world = await createArchiverWorld(h);
    ada = await world.addMember();
    bob = await world.addMember({ optIn: false });
    zoe = personUrn(
      (await createTestMember(h.services, { firstName: "Zoë", lastName: "Müller-Łukasiewicz" })).id,
    );
    const first = await sendMessage(h.app, {
      from: ada.urn,
      to: [bob.urn, zoe],
      subject: "Q4 review — Zürich\r\nBcc: injected@example.com",
      text: "Hi both,\nthe deck is attached.",
      attachments: [{ name: "Präsentation Q4.pdf", mediaType: "application/pdf", byteSize: 48213 }],
    });
    await h.services.clock.advance(1000);
    const reply = await sendMessage(h.app, {
      from: bob.urn,
      thread: first.thread,
      text: "Thanks Ada! Looking forward to walking through the numbers with you on Thursday morning.",
    });
    await h.services.clock.advance(1000);
    const third = await sendMessage(h.app, {
      from: zoe,
      thread: first.thread,
      text: "Grüße aus Zürich ✓",
    });
    sent = [first, reply, third];
    await world.run();
    outDir = path.join(world.config.archiveDir, "..", "eml");
    const { code } = await exportEml(
      "--dir",
      world.config.archiveDir,
      "--member",
      ada.urn,
      "--out",
      outDir,
    );
    expect(code).toBe(0);
    parsed = new Map();
    for (const file of (await fs.readdir(outDir)).sort()) {
      parsed.set(file, parseEml(await fs.readFile(path.join(outDir, file), "utf8")));
    }
  });
  afterEach(() => world.dispose());

  const exportEml = async (...args: string[]) => {
    let out = "";
    const write = (text: string) => {
      out += text;
    };
    return {
      code: await runArchiveCli(["export-eml", ...args], { stdout: { write }, stderr: { write } }),
      out,
    };
  };
  const only = (eml: ParsedEml, name: string) => {
    const values = eml.headers.get(name.toLowerCase()) ?? [];
    expect(values, name).toHaveLength(1);
    return values[0]!;
  };
  const address = (urn: string) => `${urn.replace("urn:li:person:", "")}@person.linkedin.invalid`;

  it("writes one CRLF, RFC 5322 file per message, named by time and event id", async () => {
    const events = await world.archivedEvents(ada);
    expect([...parsed.keys()]).toEqual(
      events.map(
        (e) => `${new Date(e.processedAt).toISOString().replace(/[-:]|\.\d+/g, "")}-${e.id}.eml`,
      ),
    );
    for (const [, eml] of parsed) {
      // 78 is a SHOULD (RFC 5322 §2.1.1): only a token with no space to fold at may run
      // longer. Lines with encoded-words MUST stay within 76 (RFC 2047 §2).
      for (const line of eml.rawHeaderLines) {
        if (line.length > 78) expect(line.replace(/^[\w-]+: /, "").trim(), line).not.toMatch(/ /);
        if (line.includes("=?")) expect(line.length, line).toBeLessThanOrEqual(76);
        expect(line.length).toBeLessThanOrEqual(998);
      }
      expect(only(eml, "MIME-Version")).toBe("1.0");
      expect(only(eml, "Content-Type")).toBe("text/plain; charset=utf-8");
    }
  });

  it("fills From, To (the other participants), Date, Subject and Message-ID from the event", async () => {
    const [first, reply, third] = [...parsed.values()];
    expect(only(first!, "From")).toMatch(/^Member \d+ </);
    expect(only(first!, "From")).toContain(`<${address(ada.urn)}>`);
    expect(only(first!, "To")).toContain(`<${address(bob.urn)}>`);
    expect(only(first!, "To")).toContain(`Zoë Müller-Łukasiewicz <${address(zoe)}>`);
    expect(only(first!, "To")).not.toContain(address(ada.urn));
    expect(only(first!, "Subject")).toBe("Q4 review — Zürich Bcc: injected@example.com");
    expect(first!.headers.has("bcc")).toBe(false);
    expect(Date.parse(only(first!, "Date"))).toBe(Math.floor(sent[0]!.createdAt / 1000) * 1000);
    expect(only(first!, "Message-ID")).toBe(`<${sent[0]!.id}@messages.linkedin.invalid>`);
    expect(first!.body).toBe("Hi both,\r\nthe deck is attached.");

    expect(only(reply!, "From")).toContain(`<${address(bob.urn)}>`);
    expect(only(reply!, "To")).toContain(`<${address(ada.urn)}>`);
    // A reply takes the thread's subject (newlines collapsed: no header injection).
    expect(only(reply!, "Subject")).toBe("Re: Q4 review — Zürich Bcc: injected@example.com");
    expect(only(reply!, "In-Reply-To")).toBe(`<${sent[0]!.id}@messages.linkedin.invalid>`);
    expect(only(third!, "References")).toBe(
      `<${sent[0]!.id}@messages.linkedin.invalid> <${sent[1]!.id}@messages.linkedin.invalid>`,
    );
    expect(only(third!, "From")).toBe(`Zoë Müller-Łukasiewicz <${address(zoe)}>`);
    expect(only(third!, "Content-Transfer-Encoding")).toBe("base64");
    expect(third!.body).toBe("Grüße aus Zürich ✓");
  });

  it("carries LinkedIn's identifiers, the owner and the attachments in headers", async () => {
    const events = await world.archivedEvents(ada);
    const [first, reply] = [...parsed.values()];
    expect(only(first!, "X-LinkedIn-Thread")).toBe(sent[0]!.thread);
    expect(only(first!, "X-LinkedIn-Activity-Id")).toBe(events[0]!.activityId);
    expect(only(first!, "X-Regula-Owner")).toBe(ada.urn);
    expect(only(first!, "X-LinkedIn-Event-Id")).toBe(String(events[0]!.id));
    expect(only(first!, "X-LinkedIn-Direction")).toBe("outbound");
    expect(only(reply!, "X-LinkedIn-Direction")).toBe("inbound");
    expect(only(first!, "X-LinkedIn-Attachment")).toMatch(
      /^name\*=UTF-8''Pr%C3%A4sentation%20Q4\.pdf; media-type="application\/pdf"; size=48213; urn="urn:li:digitalmediaAsset:\S+"$/,
    );
    expect(reply!.headers.has("x-linkedin-attachment")).toBe(false);
  });

  it.skipIf(!hasPython)("reads back the same headers through Python's email package", async () => {
    const script = [
      "import email, email.policy, json, sys",
      "out = []",
      "for name in sys.argv[1:]:",
      "    m = email.message_from_binary_file(open(name, 'rb'), policy=email.policy.strict)",
      "    out.append({k: str(m[k]) for k in ['From', 'To', 'Subject', 'Message-ID', 'Date']} | {'body': m.get_content()})",
      "print(json.dumps(out))",
    ].join("\n");
    const files = [...parsed.keys()].map((f) => path.join(outDir, f));
    const fromPython = JSON.parse(
      execFileSync("python3", ["-c", script, ...files], { encoding: "utf8" }),
    );
    const ours = [...parsed.values()].map((eml) => ({
      From: only(eml, "From"),
      To: only(eml, "To"),
      Subject: only(eml, "Subject"),
      "Message-ID": only(eml, "Message-ID"),
      body: eml.body.replace(/\r\n/g, "\n"),
    }));
    const theirs = (fromPython as Array<Record<string, string>>).map(
      ({ Date: _, body, ...rest }) => ({
        ...rest,
        body: String(body).replace(/\n$/, ""),
      }),
    );
    expect(theirs).toEqual(ours);
  });

  it("refuses to export from an archive that does not verify", async () => {
    const dir = world.memberDir(ada);
    const file = (await fs.readdir(dir)).find((f) => f.endsWith(".jsonl"))!;
    const text = await fs.readFile(path.join(dir, file), "utf8");
    await fs.writeFile(path.join(dir, file), text.replace("the deck", "no deck"));
    const { code, out } = await exportEml(
      "--dir",
      world.config.archiveDir,
      "--member",
      ada.urn,
      "--out",
      outDir,
    );
    expect(code).toBe(1);
    expect(out).toContain("does not verify");
  });
});

describe.each(sqlite)("archive export-eml read by real parsers on $name", (target) => {
  const h = useHarness(target, { listen: true });
  let world: ArchiverWorld;
  afterEach(() => world.dispose());

  it.skipIf(!hasPython)(
    "has zero defects in mailparser and Python email, and round-trips text",
    async () => {
      world = await createArchiverWorld(h);
      const ada = await world.addMember();
      const zoe = personUrn(
        (await createTestMember(h.services, { firstName: "Zoë 张伟", lastName: "Müller 🎉" })).id,
      );
      const long = `${"x".repeat(1200)} end`;
      const texts = ["Hello Zoe,\nsee you.\n-- Ada", "Grüße 你好 🎉 — ok", long];
      const first = await sendMessage(h.app, {
        from: ada.urn,
        to: [zoe],
        subject: "Q4 review — Zürich",
        text: texts[0]!,
        attachments: [
          { name: "Präsentation Q4.pdf", mediaType: "application/pdf", byteSize: 48213 },
        ],
      });
      await h.services.clock.advance(300);
      await sendMessage(h.app, { from: zoe, thread: first.thread, text: texts[1]! });
      await h.services.clock.advance(300);
      await sendMessage(h.app, { from: ada.urn, thread: first.thread, text: texts[2]! });
      await world.run();
      const outDir = path.join(world.config.archiveDir, "..", "eml-real");
      await runArchiveCli(
        ["export-eml", "--dir", world.config.archiveDir, "--member", ada.urn, "--out", outDir],
        { stdout: { write: () => {} }, stderr: { write: () => {} } },
      );
      const files = (await fs.readdir(outDir)).sort();
      expect(files).toHaveLength(3);
      const times = new Set<string>();
      for (const [i, file] of files.entries()) {
        const full = path.join(outDir, file);
        const py = readWithPython(full);
        expect(py.defects, file).toEqual([]);
        expect(py.partDefects, file).toEqual([]);
        expect(py.body).toBe(texts[i]);
        const mp = await readWithMailparser(await fs.readFile(full));
        expect(mp.text).toBe(texts[i]);
        expect(mp.subject).toBe(i === 0 ? "Q4 review — Zürich" : "Re: Q4 review — Zürich");
        expect(py.headers.Subject).toBe(mp.subject);
        expect(mp.messageId).toMatch(/@messages\.linkedin\.invalid>$/);
        expect(mp.date?.getTime()).toBeGreaterThan(0);
        times.add(py.headers["X-Regula-Created-At"]!);
        if (i === 0) {
          expect(py.headers.To).toContain("Zoë 张伟 Müller 🎉");
          expect(py.headers["X-LinkedIn-Attachment"]).toContain('media-type="application/pdf"');
        } else {
          expect(mp.inReplyTo).toMatch(/@messages\.linkedin\.invalid>$/);
          expect(py.headers.References).toContain(mp.inReplyTo);
          if (i === 1) expect(mp.from?.value[0]?.name).toBe("Zoë 张伟 Müller 🎉");
        }
      }
      expect(times.size).toBe(3);
    },
  );
});
