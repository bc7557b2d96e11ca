import SQLite from "better-sqlite3";
import type { CopyPlan, Row, TableRows } from "./raw-copy-plan.js";

/** Tables the copy never touches: bookkeeping, not captured rows. */
export const SKIPPED_TABLES = new Set([
  "settings",
  "id_counters",
  "kysely_migration",
  "kysely_migration_lock",
]);

/** Per table, the largest rowid now: rows a later round inserts lie above it. */
export type SqliteMarkers = Record<string, number>;

/** Opens the store as Regula does (WAL, synchronous=FULL, busy timeout, foreign keys). */
export function openLikeRegula(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.defaultSafeIntegers(true);
  return db;
}

function rowidTables(db: SQLite.Database): string[] {
  const tables = db
    .prepare(
      "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    )
    .all() as Array<{ name: string; sql: string }>;
  return tables
    .filter((t) => !SKIPPED_TABLES.has(t.name) && !/without\s+rowid/i.test(t.sql))
    .map((t) => t.name);
}

export function sqliteMarkers(file: string): SqliteMarkers {
  const db = openLikeRegula(file);
  try {
    const markers: SqliteMarkers = {};
    for (const table of rowidTables(db)) {
      const max = db.prepare(`select max(rowid) as m from "${table}"`).get() as {
        m: bigint | null;
      };
      markers[table] = Number(max.m ?? 0n);
    }
    return markers;
  } finally {
    db.close();
  }
}

/**
 * The rows a round wrote: every table's rows between the two markers, plus the rows capture
 * updates in place (threads replied in, watermarks of the events' owners), by key.
 */
export function readRoundRowsSqlite(
  db: SQLite.Database,
  markers: SqliteMarkers,
  until: SqliteMarkers,
): TableRows[] {
  const out: TableRows[] = [];
  for (const table of rowidTables(db)) {
    const primaryKey = (
      db.prepare(`pragma table_info("${table}")`).all() as Array<{ name: string; pk: bigint }>
    )
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => c.name);
    const rows = db
      .prepare(`select * from "${table}" where rowid > ? and rowid <= ? order by rowid`)
      .all(markers[table] ?? 0, until[table] ?? Number.MAX_SAFE_INTEGER) as Row[];
    out.push({ table, primaryKey, rows });
  }
  const get = (name: string) => out.find((t) => t.table === name);
  const messages = get("messages")?.rows ?? [];
  const events = get("compliance_events")?.rows ?? [];
  addByKey(
    db,
    get("threads"),
    "id",
    messages.map((m) => m.thread_id),
  );
  addByKey(
    db,
    get("member_watermarks"),
    "member_id",
    events.map((e) => e.owner_member_id),
  );
  return out;
}

function addByKey(
  db: SQLite.Database,
  table: TableRows | undefined,
  column: string,
  keys: unknown[],
): void {
  if (!table) return;
  const have = new Set(table.rows.map((r) => String(r[column])));
  const select = db.prepare(`select * from "${table.table}" where "${column}" = ?`);
  for (const key of new Set(keys.map(String))) {
    if (have.has(key)) continue;
    const row = select.get(key) as Row | undefined;
    if (row) table.rows.push(row);
  }
}

/** Runs the plan: one IMMEDIATE transaction per group, statements prepared once. */
export function applyPlanSqlite(db: SQLite.Database, plan: CopyPlan, tables: TableRows[]): number {
  const keys = new Map(tables.map((t) => [t.table, t.primaryKey]));
  const statements = new Map<string, SQLite.Statement>();
  const statementFor = (table: string, kind: "insert" | "upsert", row: Row) => {
    const columns = Object.keys(row);
    const id = `${kind} ${table} ${columns.join(",")}`;
    let statement = statements.get(id);
    if (!statement) {
      const names = columns.map((c) => `"${c}"`).join(", ");
      const values = columns.map(() => "?").join(", ");
      const target = (keys.get(table) ?? []).map((c) => `"${c}"`).join(", ");
      const update = columns.map((c) => `"${c}" = excluded."${c}"`).join(", ");
      statement = db.prepare(
        kind === "insert"
          ? `insert into "${table}" (${names}) values (${values})`
          : `insert into "${table}" (${names}) values (${values}) on conflict (${target}) do update set ${update}`,
      );
      statements.set(id, statement);
    }
    return statement;
  };
  const run = db.transaction((ops: CopyPlan["transactions"][number]) => {
    for (const op of ops) statementFor(op.table, op.kind, op.row).run(Object.values(op.row));
  });
  const started = performance.now();
  for (const ops of plan.transactions) run.immediate(ops);
  return performance.now() - started;
}
