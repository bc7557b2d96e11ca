import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadArchiverConfig, loadMemberTokens } from "../../src/archiver/archiver-config.js";
import { createProgressReporter } from "../../src/archiver/progress-reporter.js";
import type { ArchiverEvent } from "../../src/archiver/run-archiver.js";
import { runArchiveCli } from "../../src/cli/archive.js";
import { createTempDir } from "../helpers/store-targets.js";

const capture = () => {
  let text = "";
  return {
    io: {
      stdout: { write: (t: string) => (text += t) },
      stderr: { write: (t: string) => (text += t) },
    },
    text: () => text,
  };
};

describe("regula archive: command line", () => {
  it("prints help with exit 0, and a usage error with exit 2", async () => {
    const help = capture();
    expect(await runArchiveCli(["--help"], help.io)).toBe(0);
    expect(help.text()).toContain("regula archive run --config FILE [--once | --follow SECONDS]");
    for (const argv of [
      ["run"],
      ["run", "--config", "x", "--once", "--follow", "5"],
      ["run", "--config", "x", "--follow", "0"],
      ["verify"],
      ["export-eml", "--dir", "d"],
      ["frobnicate"],
      ["verify", "--bogus"],
    ]) {
      const out = capture();
      expect(await runArchiveCli(argv, out.io), argv.join(" ")).toBe(2);
    }
  });

  it("answers a missing configuration file with exit 1 and the reason", async () => {
    const out = capture();
    expect(await runArchiveCli(["run", "--config", "/nonexistent/archiver.json"], out.io)).toBe(1);
    expect(out.text()).toContain("cannot read /nonexistent/archiver.json");
  });
});

describe("archiver configuration", () => {
  let temp: { dir: string; remove(): void };
  beforeEach(() => {
    temp = createTempDir("regula-archiver-config-");
  });
  afterEach(() => temp.remove());

  it("resolves paths against the configuration file and applies defaults", async () => {
    const file = path.join(temp.dir, "archiver.json");
    await fs.writeFile(
      file,
      JSON.stringify({
        baseUrl: "http://127.0.0.1:8080",
        clientId: "c",
        clientSecret: "s",
        membersFile: "m.json",
        archiveDir: "out",
      }),
    );
    expect(await loadArchiverConfig(file)).toEqual({
      baseUrl: "http://127.0.0.1:8080",
      clientId: "c",
      clientSecret: "s",
      membersFile: path.join(temp.dir, "m.json"),
      archiveDir: path.join(temp.dir, "out"),
      pageSize: 50,
      expiryWarningDays: 30,
    });
  });

  it("names the first problem of a bad configuration or members file", async () => {
    const file = path.join(temp.dir, "bad.json");
    await fs.writeFile(
      file,
      JSON.stringify({
        baseUrl: "ftp://x",
        clientId: "c",
        clientSecret: "s",
        membersFile: "m",
        archiveDir: "a",
      }),
    );
    await expect(loadArchiverConfig(file)).rejects.toThrow(
      /is not an archiver configuration: \/baseUrl/,
    );
    await fs.writeFile(
      file,
      JSON.stringify({ members: [{ member: "urn:li:organization:1", accessToken: "t" }] }),
    );
    await expect(loadMemberTokens(file)).rejects.toThrow(/members\/0\/member/);
    const twice = { member: "urn:li:person:a", accessToken: "t" };
    await fs.writeFile(file, JSON.stringify({ members: [twice, twice] }));
    await expect(loadMemberTokens(file)).rejects.toThrow(/listed twice/);
  });
});

describe("progress reporter", () => {
  const outcome = (member: string, status: "archived" | "needs-reauthorization") => ({
    member,
    status,
    fetched: 3,
    appended: 2,
    pages: 1,
    ...(status === "archived" ? {} : { detail: "token revoked" }),
  });
  const run: ArchiverEvent[] = [
    { type: "pass-started", members: 2 },
    { type: "page", member: "urn:li:person:a", fetched: 3, appended: 2 },
    { type: "member-finished", outcome: outcome("urn:li:person:a", "archived") },
    { type: "member-finished", outcome: outcome("urn:li:person:b", "needs-reauthorization") },
    {
      type: "pass-finished",
      report: {
        outcomes: [
          outcome("urn:li:person:a", "archived"),
          outcome("urn:li:person:b", "needs-reauthorization"),
        ],
        problems: [],
        startedAtMs: 0,
        finishedAtMs: 2000,
      },
    },
  ];

  it("on a terminal rewrites one status line with counts and rate, and prints what needs attention", () => {
    let text = "";
    let now = 0;
    const report = createProgressReporter(
      { write: (t: string) => (text += t) },
      { tty: true, nowMs: () => now },
    );
    for (const event of run) {
      report(event);
      now += 500; // the page arrives half a second into the pass
    }
    expect(text).toContain(
      "\r\x1b[2Kmembers 0/2 · 3 events fetched · 2 new · 6.0 events/s · urn:li:person:a",
    );
    expect(text).toContain(
      "urn:li:person:b: NEEDS RE-AUTHORIZATION (3 fetched, 2 new, 1 pages): token revoked\n",
    );
    expect(text).not.toContain("urn:li:person:a: archived");
    expect(
      text.endsWith(
        "2 members (1 archived, 1 need re-authorization, 0 failed, 0 stopped); 6 events fetched, 4 new\n",
      ),
    ).toBe(true);
  });

  it("elsewhere writes plain timestamped lines, one per member, no control characters", () => {
    let text = "";
    const report = createProgressReporter(
      { write: (t: string) => (text += t) },
      { tty: false, nowMs: () => 0 },
    );
    for (const event of run) report(event);
    expect(text.includes("\r") || text.includes("\x1b")).toBe(false);
    expect(text.split("\n").filter(Boolean)).toEqual([
      "1970-01-01T00:00:00.000Z archive: pass started, 2 members",
      "1970-01-01T00:00:00.000Z urn:li:person:a: archived (3 fetched, 2 new, 1 pages)",
      "1970-01-01T00:00:00.000Z urn:li:person:b: NEEDS RE-AUTHORIZATION (3 fetched, 2 new, 1 pages): token revoked",
      "1970-01-01T00:00:00.000Z archive: pass done in 2.0s: 2 members (1 archived, 1 need re-authorization, 0 failed, 0 stopped); 6 events fetched, 4 new",
    ]);
  });
});

/** A module that imports nothing: a fact of LinkedIn's protocol, shared without pulling server code. */
async function isLeafModule(resolvedJs: string): Promise<boolean> {
  const source = await fs.readFile(resolvedJs.replace(/\.js$/, ".ts"), "utf8").catch(() => null);
  return source !== null && !/\bfrom "|\bimport\(|^import "/m.test(source);
}

describe("the archiver is a customer of the API", () => {
  it("imports nothing from the server: no store, domain, HTTP, OAuth or sandbox code", async () => {
    const root = path.resolve(import.meta.dirname, "../../src/archiver");
    const files = (await fs.readdir(root, { recursive: true })).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await fs.readFile(path.join(root, file), "utf8");
      for (const [, specifier] of source.matchAll(/from "([^"]+)"/g)) {
        const resolved = specifier!.startsWith(".")
          ? path.resolve(root, path.dirname(file), specifier!)
          : specifier!;
        const inside = !specifier!.startsWith(".") || resolved.startsWith(root);
        // Outside the archiver, only leaf modules (clock.ts for DAY_MS, restli/default-version.ts).
        const allowed = inside || (await isLeafModule(resolved));
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
        expect(specifier, file).not.toMatch(/^(fastify|kysely|pg|better-sqlite3)$/);
      }
    }
  });
});
