import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";

/**
 * Every storage test runs once per supported database. SQLite gets a temp directory,
 * PostgreSQL a fresh database that is dropped afterwards; no two tests share state.
 *
 * PostgreSQL: `REGULA_TEST_PG_URL` (default the local server) names the server. When it is
 * unreachable the PostgreSQL suites are skipped with a printed reason, unless
 * `REGULA_REQUIRE_POSTGRES=1` (set by .ci/run), which turns that into a failure.
 */
export interface StoreTarget {
  name: "sqlite" | "postgres";
  /** Opens a new, empty store; `dispose` closes it and deletes its data. */
  create(): Promise<{
    store: Store;
    location: { databaseUrl?: string; dataDir: string };
    dispose(): Promise<void>;
  }>;
}

const adminUrl = process.env.REGULA_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const requirePostgres = process.env.REGULA_REQUIRE_POSTGRES === "1";

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachableReason = await postgresReachable();
if (unreachableReason && requirePostgres) {
  throw new Error(
    `PostgreSQL is required (REGULA_REQUIRE_POSTGRES=1) but ${adminUrl} is unreachable: ${unreachableReason}`,
  );
}
if (unreachableReason) {
  console.warn(
    `Skipping PostgreSQL store tests: ${adminUrl} unreachable (${unreachableReason}); set REGULA_TEST_PG_URL or start PostgreSQL.`,
  );
}

export const postgresAvailable = unreachableReason === null;

/** Creates a fresh PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `regula_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function createTempDir(prefix = "regula-test-"): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const sqliteTarget: StoreTarget = sqliteWith({});

/**
 * SQLite with its event pages read by a worker thread (`sqlitePageWorkers`, off by
 * default); the other targets read them on the main thread. For the suites that pin what a
 * page holds (the golden file, page order, siblings).
 */
export const sqlitePageWorkersTarget: StoreTarget = sqliteWith({ sqlitePageWorkers: 1 });

function sqliteWith(options: { sqlitePageWorkers?: number }): StoreTarget {
  return {
    name: "sqlite",
    create: () => createSqlite(options),
  };
}

async function createSqlite(options: { sqlitePageWorkers?: number }) {
  const temp = createTempDir();
  return openDisposable({ dataDir: temp.dir, ...options }, () => temp.remove());
}

const postgresTarget: StoreTarget = {
  name: "postgres",
  async create() {
    const database = await createPostgresDatabase();
    return openDisposable({ databaseUrl: database.url, dataDir: os.tmpdir() }, () =>
      database.drop(),
    );
  },
};

/** Opens a store at `location`; disposing closes it, then removes its data. */
async function openDisposable(
  location: { databaseUrl?: string; dataDir: string; sqlitePageWorkers?: number },
  removeData: () => void | Promise<void>,
) {
  const store = await openStore(location);
  return {
    store,
    location,
    async dispose() {
      await store.close();
      await removeData();
    },
  };
}

/** The databases to run storage tests on: SQLite always, PostgreSQL when reachable. */
export const storeTargets: StoreTarget[] = postgresAvailable
  ? [sqliteTarget, postgresTarget]
  : [sqliteTarget];
