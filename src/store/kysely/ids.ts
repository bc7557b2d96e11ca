import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";

/** Counters for low-traffic numeric ids, and where each starts (LinkedIn-like magnitudes). */
const counterStarts = { applications: 200001, sales_identities: 300001 } as const;
export type CounterName = keyof typeof counterStarts;

/** Allocates `count` consecutive ids from a counter row (locks the row until commit). */
export async function allocateCounterIds(
  db: Kysely<Database>,
  name: CounterName,
  count: number,
): Promise<number[]> {
  return takeFromCounterRow(db, name, counterStarts[name], count);
}

/** High-traffic ids (messages, events): a PostgreSQL sequence, or a counter row on SQLite. */
export async function allocateSequenceIds(
  db: Kysely<Database>,
  dialect: DialectName,
  name: "message_seq" | "event_ids",
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  if (dialect === "postgres") {
    const result = await sql<{
      id: string | number;
    }>`select nextval(${name}) as id from generate_series(1, ${count})`.execute(db);
    return result.rows.map((r) => Number(r.id));
  }
  // Safe on SQLite: every writer holds the database's single write lock.
  return takeFromCounterRow(db, name, 1, count);
}

async function takeFromCounterRow(
  db: Kysely<Database>,
  name: string,
  start: number,
  count: number,
): Promise<number[]> {
  await db
    .insertInto("id_counters")
    .values({ name, next_value: start })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .updateTable("id_counters")
    .set({ next_value: sql`next_value + ${count}` })
    .where("name", "=", name)
    .returning("next_value")
    .executeTakeFirstOrThrow();
  const end = Number(row.next_value);
  return Array.from({ length: count }, (_, i) => end - count + i);
}
