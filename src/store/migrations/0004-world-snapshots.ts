import type { Kysely } from "kysely";

/**
 * Named snapshots of the world kept in the store. Each snapshot's rows live in tables of
 * their own (`snapshot_{id}_{table}`, created by CREATE TABLE … AS SELECT), so taking and
 * restoring one is a set-based copy inside the database, never a trip through the server.
 * This table names them and keeps what is not in a table: the id-sequence positions and the
 * columns copied from each table (so a later migration that adds a column cannot misalign a
 * restore).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("world_snapshots")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("table_id", "bigint", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("message_count", "bigint", (c) => c.notNull())
    .addColumn("event_count", "bigint", (c) => c.notNull())
    .addColumn("counters", "text", (c) => c.notNull())
    .addColumn("columns", "text", (c) => c.notNull())
    .execute();
}
