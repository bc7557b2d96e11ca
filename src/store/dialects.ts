import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { createPageReaders, type PageReaders } from "./kysely/page-readers.js";
import type { Database } from "./schema.js";
import { setReadPragmas } from "./sqlite-read-pragmas.js";

export type DialectName = "sqlite" | "postgres";

export interface StoreLocation {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /**
   * SQLite only: bytes of the file read through a memory map (default and most: 2 GiB; 0 = none).
   * Event pages read message rows all over the file; mapped, a page in the OS cache is read
   * in place instead of copied into SQLite's cache by a system call, which halved the page
   * query at 400k events. The mapped pages are the OS page cache: they count in the
   * process's RSS (RssFile) as they are touched, but are shared and reclaimable.
   */
  sqliteMmapBytes?: number;
  /** SQLite only: use an in-memory database (tests). */
  inMemory?: boolean;
  /**
   * SQLite file databases only: worker threads that read event pages, each on a read-only
   * connection of its own (default 0: pages are read on the main thread).
   */
  sqlitePageWorkers?: number;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /**
   * SQLite only: where the hot reads run as cached prepared statements (kysely/reader.ts).
   * A file database gets a read-only connection of its own (`shared: false`): in WAL mode
   * it sees committed transactions only, and reads never queue behind a write. An in-memory
   * database has one connection (`shared: true`), used only while holding
   * `db.connection()`, so no other request's transaction is open on it.
   */
  sqliteReads?: { handle: SQLite.Database; shared: boolean };
  /** PostgreSQL only: the pool under `db`, for the hot reads as named statements. */
  pgPool?: pg.Pool;
  /** SQLite file databases with `sqlitePageWorkers`: where event pages are read. */
  sqlitePages?: PageReaders;
  /** Releases connections; for SQLite also checkpoints the WAL. */
  destroy(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** PostgreSQL returns int8 as strings; every int8 here is an epoch-ms or id well below 2^53. */
function parseInt8(value: string): number {
  return Number(value);
}

export async function openDatabase(location: StoreLocation): Promise<OpenedDatabase> {
  if (location.databaseUrl) return openPostgres(location.databaseUrl);
  return openSqlite(location);
}

async function openPostgres(url: string): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? parseInt8
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ended (a restart, a terminated backend, a dropped test
  // database) is reported here; pg has already discarded it and the next query connects
  // afresh. Without a listener the event would crash the process.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    // Records of evidence: a capture is acknowledged only once it is on disk.
    client.query("set synchronous_commit = on").catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", pgPool: pool, destroy: () => db.destroy() };
}

async function openSqlite(location: StoreLocation): Promise<OpenedDatabase> {
  let file = ":memory:";
  if (!location.inMemory) {
    fs.mkdirSync(location.dataDir, { recursive: true });
    file = path.join(location.dataDir, "regula.sqlite");
  }
  const database = new SQLite(file);
  // Only takes effect when the file is new. A captured message row is about 2.5 KB, so a
  // 4 KB page holds one and wastes the rest; 16 KB pages hold six.
  database.pragma("page_size = 16384");
  database.pragma("journal_mode = WAL");
  // better-sqlite3 defaults to NORMAL in WAL mode, which can lose the last commits on power
  // loss; these rows are evidence, so every commit is synced.
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  setReadPragmas(database, location.sqliteMmapBytes);
  assertSqlitePragmas(database, location.inMemory === true);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  if (location.inMemory) {
    return {
      db,
      dialect: "sqlite",
      sqliteReads: { handle: database, shared: true },
      destroy: () => db.destroy(),
    };
  }
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  reader.pragma("busy_timeout = 5000");
  setReadPragmas(reader, location.sqliteMmapBytes);
  const workers = location.sqlitePageWorkers ?? 0;
  const pages =
    workers > 0
      ? createPageReaders({ file, mmapBytes: location.sqliteMmapBytes, workers })
      : undefined;
  return {
    db,
    dialect: "sqlite",
    sqliteReads: { handle: reader, shared: false },
    ...(pages ? { sqlitePages: pages } : {}),
    destroy: async () => {
      await pages?.close();
      reader.close();
      await db.destroy();
    },
  };
}

/** Statements kept prepared; beyond this the least recently used is dropped. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query it runs; preparing costs about as much as running the short
 * statements of a capture. The same SQL text gets the same prepared statement back. Safe
 * because Kysely runs a statement to completion (all/run) before it prepares the next one.
 */
function withStatementCache(database: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string): SQLite.Statement {
      let statement = statements.get(text);
      if (statement) statements.delete(text);
      else {
        statement = database.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

function assertSqlitePragmas(database: SQLite.Database, inMemory: boolean): void {
  const journal = String(database.pragma("journal_mode", { simple: true })).toLowerCase();
  const synchronous = Number(database.pragma("synchronous", { simple: true }));
  if (!inMemory && journal !== "wal") throw new Error(`SQLite journal_mode is ${journal}, not wal`);
  if (synchronous !== 2) throw new Error(`SQLite synchronous is ${synchronous}, not FULL (2)`);
}

/** Warns when PostgreSQL could lose acknowledged commits. */
export async function checkPostgresDurability(db: Kysely<Database>): Promise<string | null> {
  const result = await sql<{ fsync: string }>`show fsync`.execute(db);
  return result.rows[0]?.fsync === "off"
    ? "PostgreSQL runs with fsync=off: a crash can lose acknowledged messages"
    : null;
}
