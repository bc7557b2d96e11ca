import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADA_TOKEN, DEMO_CLIENT_SECRET, demoSeed } from "../../src/sandbox/demo-seed.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { runRegula } from "../helpers/regula-process.js";
import { createTempDir, storeTargets } from "../helpers/store-targets.js";

/** `regula archive run` as a process against a listening demo world (an HTTP client: SQLite). */
const sqlite = storeTargets.find((t) => t.name === "sqlite")!;

describe("regula archive run and the client secret", () => {
  let h: Harness & { baseUrl: string };
  let temp: { dir: string; remove(): void };

  beforeAll(async () => {
    h = await startHarness(sqlite, { seed: demoSeed, listen: true });
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin });
    temp = createTempDir("regula-archive-secret-");
    fs.writeFileSync(
      path.join(temp.dir, "members.json"),
      JSON.stringify({
        members: [{ member: "urn:li:person:ada-lovelace", accessToken: DEMO_ADA_TOKEN }],
      }),
    );
  });
  afterAll(async () => {
    await h.close();
    temp.remove();
  });

  function config(name: string, clientSecret: string): string {
    const file = path.join(temp.dir, `${name}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        baseUrl: h.baseUrl,
        clientId: "regulademo0001",
        clientSecret,
        membersFile: "members.json",
        archiveDir: `archive-${name}`,
      }),
    );
    return file;
  }

  it("exits 1 naming the client credentials when the secret is wrong", async () => {
    const result = await runRegula([
      "archive",
      "run",
      "--config",
      config("wrong", "rgl_cs_not-the-demo-secret"),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/introspection answered 401.*check clientId and clientSecret/);
  });

  it("exits 0 with the right secret", async () => {
    const result = await runRegula([
      "archive",
      "run",
      "--config",
      config("right", DEMO_CLIENT_SECRET),
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
