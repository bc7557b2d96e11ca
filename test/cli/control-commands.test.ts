import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ADA_TOKEN, demoSeed } from "../../src/sandbox/demo-seed.js";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { runRegula } from "../helpers/regula-process.js";
import { createTempDir, storeTargets } from "../helpers/store-targets.js";

/**
 * The control-plane commands as separate processes against a listening server. They are
 * HTTP clients, so one store (SQLite) is enough here; the routes they call are covered on
 * both stores by test/api.
 */
const sqlite = storeTargets.find((t) => t.name === "sqlite")!;
const DAY = 86_400_000;

describe("regula token | message | clock | reset | export | faults", () => {
  let h: Harness & { baseUrl: string };
  let env: Record<string, string>;
  let temp: { dir: string; remove(): void };

  beforeAll(async () => {
    h = await startHarness(sqlite, { seed: demoSeed, listen: true });
    env = { REGULA_BASE_URL: h.baseUrl, REGULA_ADMIN_KEY: TEST_ADMIN_KEY };
    temp = createTempDir("regula-cli-");
  });
  afterAll(async () => {
    await h.close();
    temp.remove();
  });
  beforeEach(async () => {
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin });
  });

  it("token prints a member token that the Compliance API accepts", async () => {
    const { code, stdout, stderr } = await runRegula(["token", "grace-hopper"], env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const token = stdout.trim();
    expect(token).toMatch(/^rgl_at_/);
    const status = await fetch(`${h.baseUrl}/rest/memberComplianceAuthorizations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "linkedin-version": "202310",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(status.status).toBe(201);
  });

  it("message stores a message that is captured for the opted-in member", async () => {
    const text = `from the CLI ${Date.now()}`;
    const { code, stdout } = await runRegula(
      ["message", "--from", "ada-lovelace", "--to", "grace-hopper", "--text", text],
      env,
    );
    expect(code).toBe(0);
    const sent = JSON.parse(stdout) as { urn: string; thread: string };
    expect(sent.urn).toMatch(/^urn:li:/);
    const events = await fetch(
      `${h.baseUrl}/rest/complianceEvents?q=memberAndApplication&startTime=0&count=50`,
      { headers: { authorization: `Bearer ${DEMO_ADA_TOKEN}`, "linkedin-version": "202310" } },
    );
    expect(JSON.stringify(await events.json())).toContain(text);
  });

  it("clock advance / freeze / unfreeze move the server's virtual clock", async () => {
    const before = h.services.clock.nowMs();
    const advanced = await runRegula(["clock", "advance", "29d"], env);
    expect(advanced.code).toBe(0);
    expect(h.services.clock.nowMs() - before).toBeGreaterThanOrEqual(29 * DAY);
    expect(h.services.clock.nowMs() - before).toBeLessThan(30 * DAY);

    expect((await runRegula(["clock", "freeze"], env)).stdout).toContain("(frozen)");
    expect((await h.app.inject({ url: "/sandbox/clock", headers: h.admin })).json().mode).toBe(
      "frozen",
    );
    expect((await runRegula(["clock", "unfreeze"], env)).code).toBe(0);
    expect((await h.app.inject({ url: "/sandbox/clock", headers: h.admin })).json().mode).not.toBe(
      "frozen",
    );
  });

  it("export writes the world; reset --seed replaces it with a file's world", async () => {
    const exported = await runRegula(["export"], env);
    expect(exported.code).toBe(0);
    const world = JSON.parse(exported.stdout) as { members: Array<{ id: string }> };
    expect(world.members.map((m) => m.id)).toContain("ada-lovelace");

    const seedFile = path.join(temp.dir, "one-member.json");
    fs.writeFileSync(seedFile, JSON.stringify({ members: [{ id: "solo", firstName: "Solo" }] }));
    const reset = await runRegula(["reset", "--seed", seedFile], env);
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.stdout).seeded.members).toBe(1);
    const members = await h.services.store.members.list();
    expect(members.map((m) => m.id)).toEqual(["solo"]);

    // A bare reset applies the start-up seed again.
    expect((await runRegula(["reset"], env)).code).toBe(0);
    expect((await h.services.store.members.list()).length).toBe(demoSeed.members.length);
  });

  it("faults add makes matching calls fail; list shows it; clear removes it", async () => {
    const added = await runRegula(
      ["faults", "add", "--path", "/rest/complianceEvents", "--status", "503", "--times", "5"],
      env,
    );
    expect(added.stderr).toBe("");
    const id = added.stdout.trim();
    expect(id).not.toBe("");
    const call = () =>
      fetch(`${h.baseUrl}/rest/complianceEvents?q=memberAndApplication&startTime=0`, {
        headers: { authorization: `Bearer ${DEMO_ADA_TOKEN}`, "linkedin-version": "202310" },
      });
    expect((await call()).status).toBe(503);
    const listed = await runRegula(["faults", "list"], env);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((f) => f.id)).toEqual([id]);
    const cleared = await runRegula(["faults", "clear"], env);
    expect(cleared.stdout).toContain("removed 1 faults");
    expect((await call()).status).toBe(200);
  });

  it("the admin key is read from the data dir's key file when no flag or variable names one", async () => {
    const dataDir = path.join(temp.dir, "data");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "admin-key"), `${TEST_ADMIN_KEY}\n`, { mode: 0o600 });
    const result = await runRegula(["clock", "--base-url", h.baseUrl, "--data-dir", dataDir]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("a wrong admin key is reported as wrong, a missing one as missing (exit 1)", async () => {
    const wrong = await runRegula([
      "clock",
      "--base-url",
      h.baseUrl,
      "--admin-key",
      "not-the-admin-key-at-all",
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/admin key \(from --admin-key\) is wrong/);

    const emptyDir = path.join(temp.dir, "empty");
    const missing = await runRegula(["clock", "--base-url", h.baseUrl, "--data-dir", emptyDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no admin key: pass --admin-key/);
    expect(missing.stderr).not.toMatch(/wrong/);
  });

  it("a server that is not there is named", async () => {
    const result = await runRegula(["clock"], {
      REGULA_BASE_URL: "http://127.0.0.1:9",
      REGULA_ADMIN_KEY: TEST_ADMIN_KEY,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no Regula answered at http://127.0.0.1:9");
  });
});
