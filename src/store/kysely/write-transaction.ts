import { type Kysely, sql } from "kysely";
import { type ClockState, systemClockState, virtualNowMs } from "../../clock.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import { isRetryableTransactionError } from "./errors.js";

export const CLOCK_SETTING = "clock";
const MAX_ATTEMPTS = 5;

/** What a locked write transaction sees: its connection, and "now" read after the lock. */
export interface LockedTransaction {
  db: Kysely<Database>;
  nowMs: number;
  /** `last_processed_at` of each locked member before this transaction (0 when new). */
  watermarks: Map<string, number>;
}

/**
 * Runs `work` in one transaction that holds the capture locks of `memberIds`.
 *
 * Why: a poller's cursor (the largest processedAt it saw) must never pass an event that
 * commits later. Taking the member locks before reading the clock means every transaction
 * that touches a member's stream reads "now" after the previous one committed, so its
 * processedAt (clamped to the watermark) can only be at or after everything already visible.
 * SQLite: BEGIN IMMEDIATE takes the single write lock before any read. PostgreSQL: the
 * watermark rows are locked FOR UPDATE in member order (so two writers cannot deadlock), and
 * "now" is the database's clock_timestamp() so every server process agrees on time.
 */
export async function withMemberLocks<T>(
  db: Kysely<Database>,
  dialect: DialectName,
  memberIds: readonly string[],
  work: (tx: LockedTransaction) => Promise<T>,
): Promise<T> {
  const members = [...new Set(memberIds)].sort();
  if (worldLockedHandles.has(db)) return inWorldTransaction(db, dialect, members, work);
  if (dialect === "sqlite") return withSqliteWriteLock(db, members, work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const watermarks = await lockPostgresWatermarks(trx, members);
        const nowMs = await readNow(trx, dialect);
        return work({ db: trx, nowMs, watermarks });
      });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
    }
  }
}

/**
 * Handles that are one open world transaction (a reset or import, world-transaction.ts). It
 * already holds the world's write lock, so member locks are taken inside it, not nested.
 */
export const worldLockedHandles = new WeakSet<Kysely<Database>>();

async function inWorldTransaction<T>(
  db: Kysely<Database>,
  dialect: DialectName,
  members: string[],
  work: (tx: LockedTransaction) => Promise<T>,
): Promise<T> {
  const watermarks =
    dialect === "postgres"
      ? await lockPostgresWatermarks(db, members)
      : await readWatermarks(db, members);
  const nowMs = await readNow(db, dialect);
  return work({ db, nowMs, watermarks });
}

async function withSqliteWriteLock<T>(
  db: Kysely<Database>,
  members: string[],
  work: (tx: LockedTransaction) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const watermarks = await readWatermarks(conn, members);
      const nowMs = await readNow(conn, "sqlite");
      const result = await work({ db: conn, nowMs, watermarks });
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

async function lockPostgresWatermarks(
  trx: Kysely<Database>,
  members: string[],
): Promise<Map<string, number>> {
  if (members.length === 0) return new Map();
  await trx
    .insertInto("member_watermarks")
    .values(members.map((member_id) => ({ member_id, last_processed_at: 0 })))
    .onConflict((oc) => oc.column("member_id").doNothing())
    .execute();
  const rows = await trx
    .selectFrom("member_watermarks")
    .select(["member_id", "last_processed_at"])
    .where("member_id", "in", members)
    .orderBy("member_id")
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.member_id, Number(r.last_processed_at)]));
}

async function readWatermarks(
  conn: Kysely<Database>,
  members: string[],
): Promise<Map<string, number>> {
  const watermarks = new Map<string, number>(members.map((m) => [m, 0]));
  if (members.length === 0) return watermarks;
  const rows = await conn
    .selectFrom("member_watermarks")
    .select(["member_id", "last_processed_at"])
    .where("member_id", "in", members)
    .execute();
  for (const row of rows) watermarks.set(row.member_id, Number(row.last_processed_at));
  return watermarks;
}

/** Raises each member's watermark to `processedAtMs` (never lowers it), in one statement. */
export async function advanceWatermarks(
  db: Kysely<Database>,
  processedAtByMember: ReadonlyMap<string, number>,
): Promise<void> {
  if (processedAtByMember.size === 0) return;
  await db
    .insertInto("member_watermarks")
    .values(
      [...processedAtByMember].map(([member_id, last_processed_at]) => ({
        member_id,
        last_processed_at,
      })),
    )
    .onConflict((oc) =>
      oc.column("member_id").doUpdateSet({
        last_processed_at: sql`case when member_watermarks.last_processed_at > excluded.last_processed_at then member_watermarks.last_processed_at else excluded.last_processed_at end`,
      }),
    )
    .execute();
}

/** The virtual clock as the database sees it now. */
export async function readNow(db: Kysely<Database>, dialect: DialectName): Promise<number> {
  const state = await readClockState(db);
  if (dialect === "postgres") {
    const result = await sql<{
      now: string | number;
    }>`select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now`.execute(db);
    return virtualNowMs(state, Number(result.rows[0]!.now));
  }
  return virtualNowMs(state, Date.now());
}

export async function readClockState(db: Kysely<Database>): Promise<ClockState> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", CLOCK_SETTING)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as ClockState) : systemClockState;
}
