import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AdminKeyRejectedError, ControlClient, startRegula } from "../../src/index.js";
import { postgresAvailable } from "../helpers/store-targets.js";

const adminUrl = process.env.REGULA_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function regulaDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database");
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

describe("startRegula()", () => {
  it("starts the demo world on a loopback port and deletes its temp dir on stop()", async () => {
    const regula = await startRegula();
    expect(regula.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(regula.dataDir.startsWith(os.tmpdir())).toBe(true);
    expect(fs.existsSync(regula.dataDir)).toBe(true);
    expect((await regula.control.members.list()).map((m) => m.id)).toContain("ada-lovelace");
    await regula.stop();
    await regula.stop();
    expect(fs.existsSync(regula.dataDir)).toBe(false);
    await expect(fetch(`${regula.url}/healthz`)).rejects.toThrow();
  });

  it("freezes the clock at frozenAt, and refuses a control client with another key", async () => {
    const frozenAt = new Date("2026-03-01T12:00:00Z");
    const regula = await startRegula({ seed: {}, clock: { frozenAt } });
    try {
      const clock = await regula.control.clock.get();
      expect(clock.mode).toBe("frozen");
      expect(Math.abs(clock.now - frozenAt.getTime())).toBeLessThan(1000);
      const stranger = new ControlClient({ baseUrl: regula.url, adminKey: "rgl_admin_wrong-key" });
      await expect(stranger.clock.get()).rejects.toBeInstanceOf(AdminKeyRejectedError);
    } finally {
      await regula.stop();
    }
  });

  it.runIf(postgresAvailable)(
    "creates a fresh PostgreSQL database and drops it on stop()",
    async () => {
      const regula = await startRegula({ store: { postgresUrl: adminUrl } });
      const name = new URL(regula.databaseUrl ?? "postgres://x/none").pathname.slice(1);
      expect(await regulaDatabases()).toContain(name);
      expect((await regula.control.applications.list()).map((a) => a.id)).toEqual(["100001"]);
      await regula.stop();
      expect(await regulaDatabases()).not.toContain(name);
    },
  );
});
