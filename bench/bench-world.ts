import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createServices } from "../src/create-services.js";
import { VirtualClock } from "../src/domain/virtual-clock.js";
import { applySeed } from "../src/sandbox/apply-seed.js";
import type { SeedDocument } from "../src/sandbox/seed-document.js";
import { ACCESS_TOKEN_PREFIX, generateSecret, hashSecret } from "../src/secrets.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";

export const ADMIN_KEY = "bench-admin-key-0123456789abcdef";
export const HOT_APP = "700001";
export const OTHER_APP = "700002";
export const HOT_MEMBER = "bench-hot";
export const OTHER_MEMBERS = Array.from({ length: 99 }, (_, i) => `bench-${i}`);

const PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * The benchmark's world: the hot member takes part in every message and is regulated by both
 * applications, so the (HOT_APP, HOT_MEMBER) stream holds one event per message; half of the
 * other members are regulated by HOT_APP.
 */
const seed: SeedDocument = {
  applications: [HOT_APP, OTHER_APP].map((id) => ({ id, name: `Bench ${id}`, redirectUris: [] })),
  members: [HOT_MEMBER, ...OTHER_MEMBERS].map((id) => ({ id, firstName: id, lastName: "Bench" })),
  authorizations: [
    { application: HOT_APP, member: HOT_MEMBER },
    { application: OTHER_APP, member: HOT_MEMBER },
    ...OTHER_MEMBERS.filter((_, i) => i % 2 === 0).map((member) => ({
      application: HOT_APP,
      member,
    })),
  ],
  messages: [],
};

export interface BenchWorld {
  app: FastifyInstance;
  store: Store;
  baseUrl: string;
  /** A member token of the hot stream. */
  hotToken: string;
  storeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** Opens a fresh store of the given kind, seeds it and listens on a loopback port. */
export async function openBenchWorld(kind: "sqlite" | "postgres"): Promise<BenchWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-bench-"));
  const database = kind === "postgres" ? await createDatabase() : null;
  const config = loadConfig({
    REGULA_DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    LOG_LEVEL: "warn",
  });
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir });
  const clock = new VirtualClock(store);
  await clock.load();
  await applySeed(seed, { store, clock });
  const app = await buildApp(
    createServices({
      config,
      store,
      clock,
      adminKeyHash: hashSecret(ADMIN_KEY),
      startupSeed: null,
    }),
    { logger: false },
  );
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const hotToken = generateSecret(ACCESS_TOKEN_PREFIX);
  const now = clock.nowMs();
  await store.tokens.insert({
    tokenHash: hashSecret(hotToken),
    applicationId: HOT_APP,
    memberId: HOT_MEMBER,
    authType: "3L",
    scopes: ["r_compliance_sales_nav"],
    authorizedAt: now,
    createdAt: now,
    expiresAt: now + 365 * 86_400_000,
    revokedAt: null,
    refreshTokenHash: null,
    refreshExpiresAt: null,
  });
  return {
    app,
    store,
    baseUrl,
    hotToken,
    async storeBytes() {
      if (database) return database.size();
      const file = path.join(dataDir, "regula.sqlite");
      return [file, `${file}-wal`].reduce(
        (sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0),
        0,
      );
    },
    async close() {
      await app.close();
      await store.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createDatabase() {
  const name = `regula_bench_${Date.now().toString(36)}`;
  const admin = async <T>(run: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  await admin((c) => c.query(`create database ${name}`));
  return {
    url: PG_ADMIN_URL.replace(/\/postgres$/, `/${name}`),
    size: () =>
      admin(async (c) =>
        Number((await c.query("select pg_database_size($1) as n", [name])).rows[0].n),
      ),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)),
  };
}
