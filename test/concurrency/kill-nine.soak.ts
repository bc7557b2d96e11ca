import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createPostgresDatabase,
  createTempDir,
  postgresAvailable,
} from "../helpers/store-targets.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { type AckedMessage, toggleConsent, writeBatches } from "./soak-load.js";
import { sqliteIntegrity, verifyStore } from "./soak-verify.js";
import { seed } from "./workload.js";

/**
 * The soak (`npm run test:soak`, not part of `npm test`): invariant 4 at strength. Per store,
 * the server is killed with SIGKILL `SOAK_KILLS` times (default 50) at a random moment while
 * writers send batches and an administrator opts members in and out; after the last restart
 * every acknowledged message must be stored with exactly the events its 201 named, no event
 * may lie outside its stream's authorization, no message may be half-written, and on SQLite
 * `integrity_check` must say ok after every kill. On PostgreSQL the write load must reach
 * 200 messages/s while killing.
 */
const ADMIN_KEY = "soak-admin-key-0123456789abcdef";
const KILLS = Number(process.env.SOAK_KILLS ?? 50);
const WRITERS = 4;
const MIN_POSTGRES_MESSAGES_PER_S = 200;

const targets = postgresAvailable ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

describe.each(targets)("soak: %s survives repeated kill -9 under load", (kind) => {
  const temp = createTempDir("regula-soak-");
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    temp.remove();
  });

  it(`loses no acknowledged message across ${KILLS} kills`, async () => {
    const seedFile = path.join(temp.dir, "seed.json");
    fs.writeFileSync(seedFile, JSON.stringify(seed));
    const env: Record<string, string> = {
      REGULA_ADMIN_KEY: ADMIN_KEY,
      REGULA_SEED: seedFile,
      REGULA_DATA_DIR: temp.dir,
      LOG_LEVEL: "warn",
    };
    if (kind === "postgres") {
      const database = await createPostgresDatabase();
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
    }
    const acked: AckedMessage[] = [];
    let consentChanges = 0;
    let writingMs = 0;
    const integrity: string[] = [];
    for (let round = 0; round < KILLS; round++) {
      const server: ServerProcess = await startServerProcess(env);
      cleanups.push(() => server.kill());
      const stop = { now: false };
      const startedAt = performance.now();
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        writeBatches(server, ADMIN_KEY, round * 100 + w + 1, stop),
      );
      const toggler = toggleConsent(server, ADMIN_KEY, round + 1, stop);
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.floor(Math.random() * 800)));
      await server.kill();
      writingMs += performance.now() - startedAt;
      stop.now = true;
      for (const written of await Promise.all(writers)) acked.push(...written);
      consentChanges += await toggler;
      if (kind === "sqlite") integrity.push(sqliteIntegrity(path.join(temp.dir, "regula.sqlite")));
    }
    // One last start: the store must open (migrations, pragmas, recovery) after the last kill.
    const last = await startServerProcess(env);
    await last.kill();

    const findings = await verifyStore({ databaseUrl: env.DATABASE_URL, dataDir: temp.dir }, acked);
    const messagesPerS = acked.length / (writingMs / 1000);
    console.log(
      `soak ${kind}: ${KILLS} kills, ${acked.length} acknowledged messages (${messagesPerS.toFixed(0)} msg/s while killing), ` +
        `${consentChanges} consent changes, ${findings.storedMessages} stored messages, ${findings.storedEvents} events; ` +
        `lost ${findings.lost.length}, unexpected ${findings.unexpected.length}, half-written ${findings.partial.length}` +
        (kind === "sqlite"
          ? `, integrity_check ok ${integrity.filter((r) => r === "ok").length}/${KILLS}`
          : ""),
    );
    expect(findings.lost).toEqual([]);
    expect(findings.unexpected).toEqual([]);
    expect(findings.partial).toEqual([]);
    expect(findings.storedMessages).toBeGreaterThanOrEqual(acked.length);
    expect(consentChanges).toBeGreaterThan(KILLS);
    if (kind === "sqlite") expect(integrity).toEqual(Array.from({ length: KILLS }, () => "ok"));
    if (kind === "postgres")
      expect(messagesPerS).toBeGreaterThanOrEqual(MIN_POSTGRES_MESSAGES_PER_S);
  }, 1_800_000);
});
