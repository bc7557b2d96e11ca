import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ComplianceEvent } from "../../src/archiver/compliance-event.js";
import { MemberArchive } from "../../src/archiver/member-archive.js";
import { verifyArchive } from "../../src/archiver/verify-archive.js";
import { runArchiveCli } from "../../src/cli/archive.js";
import { createTempDir } from "../helpers/store-targets.js";

const ADA = "urn:li:person:ada-lovelace";
const BOB = "urn:li:person:bob";
const DAY1 = Date.UTC(2024, 4, 1, 23, 59, 59, 990);

/** Events as the API would return them (only what the archive looks at, plus a payload). */
function events(owner: string, count: number, firstId: number): ComplianceEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    owner,
    actor: owner,
    processedAt: DAY1 + i * 5, // crosses midnight: two day files
    resourceName: "messages",
    activity: { text: `message ${i}`, attachments: [] },
  }));
}

describe("archive verify", () => {
  let temp: { dir: string; remove(): void };
  let adaDir: string;
  let day1: string;
  let day2: string;

  beforeEach(async () => {
    temp = createTempDir("regula-verify-");
    const { archive: ada } = await MemberArchive.open(temp.dir, ADA);
    await ada.append(events(ADA, 3, 100));
    await ada.append(events(ADA, 6, 100).slice(3)); // a second run continues the chain
    const { archive: bob } = await MemberArchive.open(temp.dir, BOB);
    await bob.append(events(BOB, 2, 500));
    adaDir = path.join(temp.dir, "ada-lovelace");
    day1 = path.join(adaDir, "2024-05-01.jsonl");
    day2 = path.join(adaDir, "2024-05-02.jsonl");
  });
  afterEach(() => temp.remove());

  const lines = async (file: string) => (await fs.readFile(file, "utf8")).split("\n").slice(0, -1);
  const rewrite = (file: string, newLines: string[]) =>
    fs.writeFile(file, newLines.map((l) => `${l}\n`).join(""));
  const cli = async (...args: string[]) => {
    let out = "";
    const write = (text: string) => {
      out += text;
    };
    const code = await runArchiveCli(["verify", ...args], { stdout: { write }, stderr: { write } });
    return { code, out };
  };

  it("passes an intact archive with a summary per member, exit 0", async () => {
    expect(await lines(day1)).toHaveLength(2);
    expect(await lines(day2)).toHaveLength(4);
    const result = await verifyArchive(temp.dir);
    expect(result.ok).toBe(true);
    expect(result.members.map((m) => [m.member, m.records, m.files])).toEqual([
      [ADA, 6, 2],
      [BOB, 2, 1],
    ]);
    const { code, out } = await cli("--dir", temp.dir);
    expect(code).toBe(0);
    expect(out).toContain("2 members, 8 records");
  });

  it("finds a line whose event text was edited, at that file and line", async () => {
    const original = await lines(day2);
    original[2] = original[2]!.replace("message 4", "message 4 (edited)");
    await rewrite(day2, original);
    const result = await verifyArchive(temp.dir);
    expect(result).toMatchObject({
      ok: false,
      break: { member: ADA, file: day2, line: 3, problem: expect.stringContaining("altered") },
    });
    const { code, out } = await cli("--dir", temp.dir);
    expect(code).toBe(1);
    expect(out).toContain(`${day2}:3`);
  });

  it("finds a line re-serialized with the same content (whitespace added)", async () => {
    const original = await lines(day1);
    original[1] = JSON.stringify(JSON.parse(original[1]!), null, 1).replace(/\n/g, "");
    await rewrite(day1, original);
    expect(await verifyArchive(temp.dir)).toMatchObject({
      break: { file: day1, line: 2, problem: expect.stringContaining("canonical form") },
    });
  });

  it("finds a deleted line at the line that follows it", async () => {
    const original = await lines(day2);
    original.splice(1, 1);
    await rewrite(day2, original);
    expect(await verifyArchive(temp.dir)).toMatchObject({
      break: { file: day2, line: 2, problem: expect.stringContaining("seq is 5, expected 4") },
    });
  });

  it("finds two swapped lines at the first of them", async () => {
    const original = await lines(day2);
    [original[1], original[2]] = [original[2]!, original[1]!];
    await rewrite(day2, original);
    expect(await verifyArchive(temp.dir)).toMatchObject({ break: { file: day2, line: 2 } });
  });

  it("finds a deleted day file at the first line of the next one", async () => {
    await fs.rm(day1);
    expect(await verifyArchive(temp.dir)).toMatchObject({
      break: { file: day2, line: 1, problem: expect.stringContaining("seq is 3, expected 1") },
    });
  });

  it("finds lines cut from the end by comparing with the checkpoint", async () => {
    await rewrite(day2, (await lines(day2)).slice(0, -1));
    expect(await verifyArchive(temp.dir)).toMatchObject({
      break: {
        file: path.join(adaDir, "checkpoint.json"),
        line: null,
        problem: expect.stringContaining("removed from the end"),
      },
    });
  });

  it("finds a line moved from one member's archive into another's", async () => {
    const bobFile = path.join(temp.dir, "bob", "2024-05-01.jsonl");
    await fs.appendFile(bobFile, `${(await lines(day2))[0]}\n`);
    expect(await verifyArchive(temp.dir)).toMatchObject({
      break: { member: BOB, file: bobFile, line: 3 },
    });
  });

  it("reports a half-written last line", async () => {
    await fs.appendFile(day2, '{"seq":7,"prev');
    expect(await verifyArchive(temp.dir)).toMatchObject({
      break: { file: day2, line: 5, problem: expect.stringContaining("cut short") },
    });
  });
});
