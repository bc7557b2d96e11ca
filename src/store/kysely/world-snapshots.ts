import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type { SnapshotInfo, WorldCounters } from "../world-records.js";
import { insertOrConflict } from "./errors.js";
import { readCounters, writeCounters } from "./world-history.js";
import { withWorldTransaction, worldTables } from "./world-transaction.js";

/** Every table a snapshot copies: the world, and settings (the clock) without `keep:` keys. */
const snapshotTables = [...worldTables, "settings"] as const;
type SnapshotTable = (typeof snapshotTables)[number];

function copyName(tableId: number, table: SnapshotTable): string {
  return `snapshot_${tableId}_${table}`;
}

async function columnsOf(db: Kysely<Database>, dialect: DialectName, table: string) {
  if (dialect === "sqlite") {
    const result = await sql<{
      name: string;
    }>`select name from pragma_table_info(${table})`.execute(db);
    return result.rows.map((r) => r.name);
  }
  const result = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
    order by ordinal_position`.execute(db);
  return result.rows.map((r) => r.column_name);
}

const columnList = (columns: string[]) => sql.join(columns.map((c) => sql.id(c)));

/**
 * Named snapshots as set-based copies inside the database (migration 0004): taking one is a
 * CREATE TABLE … AS SELECT per world table, restoring one is an INSERT … SELECT per table in
 * the world transaction, so neither moves a row through the server.
 */
export function createSnapshotRepo(db: Kysely<Database>, dialect: DialectName) {
  return {
    async create(name: string, createdAt: number): Promise<SnapshotInfo> {
      return db.transaction().execute(async (trx) => {
        // Holds captures and consent changes back (plain reads go on), so the copy is one
        // consistent moment of the world.
        if (dialect === "postgres")
          await sql`lock table member_watermarks in exclusive mode`.execute(trx);
        const last = await trx
          .selectFrom("world_snapshots")
          .select((eb) => eb.fn.max("table_id").as("max"))
          .executeTakeFirst();
        const tableId = Number(last?.max ?? 0) + 1;
        const counts = await countHistory(trx);
        const counters = await readCounters(trx, dialect);
        const columns: Record<string, string[]> = {};
        for (const table of snapshotTables) columns[table] = await columnsOf(trx, dialect, table);
        await insertOrConflict(`A snapshot named ${name}`, () =>
          trx
            .insertInto("world_snapshots")
            .values({
              name,
              table_id: tableId,
              created_at: createdAt,
              message_count: counts.messages,
              event_count: counts.events,
              counters: JSON.stringify(counters),
              columns: JSON.stringify(columns),
            })
            .execute(),
        );
        for (const table of snapshotTables) {
          const where = table === "settings" ? sql` where key not like 'keep:%'` : sql``;
          await sql`create table ${sql.table(copyName(tableId, table))} as select * from ${sql.table(table)}${where}`.execute(
            trx,
          );
        }
        return { name, createdAt, ...counts };
      });
    },

    async list(): Promise<SnapshotInfo[]> {
      const rows = await db.selectFrom("world_snapshots").selectAll().orderBy("name").execute();
      return rows.map(toInfo);
    },

    /** Replaces the world with the snapshot, all or nothing; null when there is no such snapshot. */
    async restore(name: string): Promise<SnapshotInfo | null> {
      const row = await db
        .selectFrom("world_snapshots")
        .selectAll()
        .where("name", "=", name)
        .executeTakeFirst();
      if (!row) return null;
      const tableId = Number(row.table_id);
      const columns = JSON.parse(row.columns) as Record<string, string[]>;
      await withWorldTransaction(db, dialect, async (trx) => {
        // Parents before children: the reverse of the order the world is emptied in.
        for (const table of [...snapshotTables].reverse()) {
          const live = new Set(await columnsOf(trx, dialect, table));
          const copied = (columns[table] ?? []).filter((c) => live.has(c));
          if (copied.length === 0) continue;
          await sql`insert into ${sql.table(table)} (${columnList(copied)}) select ${columnList(copied)} from ${sql.table(copyName(tableId, table))}`.execute(
            trx,
          );
        }
        if (dialect === "postgres") {
          await writeCounters(trx, dialect, JSON.parse(row.counters) as WorldCounters);
          await sql`select setval(pg_get_serial_sequence('compliance_authorizations', 'id'), coalesce(max(id), 0) + 1, false) from compliance_authorizations`.execute(
            trx,
          );
        }
      });
      return toInfo(row);
    },

    async delete(name: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom("world_snapshots")
          .where("name", "=", name)
          .returning("table_id")
          .executeTakeFirst();
        if (!row) return false;
        for (const table of snapshotTables) {
          await sql`drop table if exists ${sql.table(copyName(Number(row.table_id), table))}`.execute(
            trx,
          );
        }
        return true;
      });
    },
  };
}

async function countHistory(db: Kysely<Database>) {
  const messages = await db
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom("compliance_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { messages: Number(messages.n), events: Number(events.n) };
}

function toInfo(row: {
  name: string;
  created_at: number;
  message_count: number;
  event_count: number;
}): SnapshotInfo {
  return {
    name: row.name,
    createdAt: Number(row.created_at),
    messages: Number(row.message_count),
    events: Number(row.event_count),
  };
}
