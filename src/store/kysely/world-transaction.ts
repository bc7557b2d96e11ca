import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import { worldLockedHandles } from "./write-transaction.js";

/** Tables that hold the world, children first (the order they are emptied in). */
export const worldTables = [
  "compliance_events",
  "messages",
  "thread_participants",
  "threads",
  "member_watermarks",
  "compliance_authorizations",
  "web_sessions",
  "member_grants",
  "authorization_codes",
  "access_tokens",
  "members",
  "applications",
  "id_counters",
] as const satisfies readonly (keyof Database)[];

/** PostgreSQL sequences behind message and event ids (SQLite keeps them in id_counters). */
export const sequenceNames = ["message_seq", "event_ids"] as const;

/**
 * Runs `work` in ONE transaction that holds the whole world's write lock, after emptying
 * every world table (settings keep only `keep:` keys, such as the admin key).
 *
 * Why: a reset or import is all or nothing. If `work` throws, the transaction rolls back and
 * the old world is exactly as it was — clock and id counters included. SQLite: BEGIN
 * IMMEDIATE takes the single write lock. PostgreSQL: an EXCLUSIVE lock on member_watermarks
 * waits for every capture and consent change in flight and holds new ones back, so nothing
 * interleaves; sequences are not transactional there, so their positions are put back by
 * hand when the transaction fails.
 */
export async function withWorldTransaction<T>(
  db: Kysely<Database>,
  dialect: DialectName,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const run = async (trx: Kysely<Database>) => {
    if (dialect === "postgres")
      await sql`lock table member_watermarks in exclusive mode`.execute(trx);
    // The history triggers (migration 0005) let authorization rows go only with the whole
    // world: this row says so, and leaves with this transaction, committed or not.
    await trx.insertInto("world_replacement").values({ id: 1 }).execute();
    await emptyWorld(trx, dialect);
    worldLockedHandles.add(trx);
    try {
      const result = await work(trx);
      await trx.deleteFrom("world_replacement").execute();
      return result;
    } finally {
      worldLockedHandles.delete(trx);
    }
  };
  if (dialect === "sqlite") {
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await run(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
    });
  }
  const positions = await readSequencePositions(db);
  try {
    return await db.transaction().execute(run);
  } catch (error) {
    await restoreSequencePositions(db, positions).catch(() => {});
    throw error;
  }
}

async function emptyWorld(trx: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") {
    // TRUNCATE is transactional on PostgreSQL and far cheaper than DELETE on large tables.
    await sql`truncate table ${sql.join(worldTables.map((t) => sql.table(t)))}`.execute(trx);
  } else {
    for (const table of worldTables) await trx.deleteFrom(table).execute();
  }
  await trx.deleteFrom("settings").where("key", "not like", "keep:%").execute();
}

type SequencePosition = { name: string; lastValue: number; isCalled: boolean };

async function readSequencePositions(db: Kysely<Database>): Promise<SequencePosition[]> {
  const positions: SequencePosition[] = [];
  for (const name of sequenceNames) {
    const result = await sql<{
      last_value: string | number;
      is_called: boolean;
    }>`select last_value, is_called from ${sql.table(name)}`.execute(db);
    const row = result.rows[0]!;
    positions.push({ name, lastValue: Number(row.last_value), isCalled: row.is_called });
  }
  return positions;
}

async function restoreSequencePositions(
  db: Kysely<Database>,
  positions: SequencePosition[],
): Promise<void> {
  for (const p of positions) {
    await sql`select setval(${p.name}, ${p.lastValue}, ${p.isCalled})`.execute(db);
  }
}
