import type SQLite from "better-sqlite3";
import { CompiledQuery, type Kysely } from "kysely";
import type pg from "pg";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";

/** Runs one read statement; `?` placeholders on SQLite, `$n` on PostgreSQL. */
export type ReadRows = (text: string, params: readonly unknown[]) => Promise<unknown[]>;

/**
 * The statements of the hot read path, run on SQLite as prepared statements built once
 * (Kysely would compile and better-sqlite3 prepare them again on every page): on the
 * read-only connection of a file database, or on the one connection of an in-memory
 * database while holding Kysely's connection (dialects.ts). On PostgreSQL they
 * run on the pool as named statements, so each connection parses and plans them once.
 * Without either (a world transaction's store) they go through Kysely as compiled queries.
 */
export type Reader = <T>(read: (rows: ReadRows) => Promise<T>) => Promise<T>;

export function createReader(
  db: Kysely<Database>,
  raw: {
    sqliteReads?: { handle: SQLite.Database; shared: boolean } | undefined;
    pgPool?: pg.Pool | undefined;
  },
): Reader {
  const { sqliteReads, pgPool } = raw;
  if (pgPool) {
    const names = new Map<string, string>();
    const rows: ReadRows = async (text, params) => {
      let name = names.get(text);
      if (!name) {
        name = `regula_read_${names.size + 1}`;
        names.set(text, name);
      }
      return (await pgPool.query({ name, text, values: [...params] })).rows;
    };
    return (read) => read(rows);
  }
  if (!sqliteReads) {
    const rows: ReadRows = async (text, params) =>
      (await db.executeQuery(CompiledQuery.raw(text, [...params]))).rows;
    return (read) => read(rows);
  }
  const rows = sqliteRows(sqliteReads.handle);
  const run: Reader = sqliteReads.shared
    ? (read) => db.connection().execute(() => read(rows))
    : (read) => read(rows);
  return async (read) => {
    await nextTurn();
    return run(read);
  };
}

/** Statements on one SQLite connection, each prepared the first time its text is seen. */
export function sqliteRows(handle: SQLite.Database): ReadRows {
  const statements = new Map<string, SQLite.Statement>();
  return async (text, params) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = handle.prepare(text);
      statements.set(text, statement);
    }
    return statement.all(...params);
  };
}

/**
 * A synchronous read waits for the check phase of the event loop before it starts. Without
 * this, libuv reads a socket up to 32 times in one callback, so a client that answers at once
 * has request after request served while the other connections' requests wait: at 50
 * connections the event loop stalled 415 ms once and p99 was 24 times p50. Waiting a turn lets
 * every connection with a request in hand be read first, and serves them in arrival order.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A lookup on every request (a token by hash, an application, a member), compiled by Kysely
 * once at start and then run through `read` with new parameters: no query building per call.
 */
export function preparedQuery<R>(
  read: Reader,
  compiled: CompiledQuery<R>,
): (params: readonly unknown[]) => Promise<R[]> {
  return (params) => read(async (rows) => (await rows(compiled.sql, params)) as R[]);
}

/**
 * `IN (…)` over a list bound as ONE parameter, so a lookup of any number of ids is one
 * statement text (prepared once) instead of one per list length.
 */
export function inList(dialect: DialectName, position: number): string {
  return dialect === "sqlite"
    ? "(SELECT value FROM json_each(?))"
    : `(SELECT unnest($${position}::text[]))`;
}

export function listParam(dialect: DialectName, ids: readonly string[]): unknown {
  return dialect === "sqlite" ? JSON.stringify(ids) : [...ids];
}
