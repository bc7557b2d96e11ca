import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialects.js";

/**
 * Records of evidence are never rewritten, and the database itself says so (spec invariant:
 * events are immutable, authorization history is append-only):
 *
 * - `compliance_events` and `messages` (the captured documents every event points at): no
 *   UPDATE at all. DELETE stays allowed: the retention purge removes old events, and a reset
 *   or import removes the whole world.
 * - `compliance_authorizations`: an interval is inserted open and may be closed exactly once
 *   (`opted_out_at` and `opt_out_cause` from NULL to a value, nothing else changed); any other
 *   UPDATE is refused. Rows are never deleted one by one: DELETE (and TRUNCATE on PostgreSQL)
 *   is refused unless the transaction replacing the whole world has put its row in
 *   `world_replacement` first (withWorldTransaction does; the row never outlives that
 *   transaction, so no other connection ever sees it).
 *
 * These guard against a code path that rewrites history by mistake, not against an operator
 * with DDL rights, who can drop a trigger.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("world_replacement")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .execute();
  if (dialect === "sqlite") await sqliteTriggers(db);
  else await postgresTriggers(db);
}

/** True when a row update only closes an open interval, once. */
const closesOnce = (oldRow: string, newRow: string) => `
  ${oldRow}.opted_out_at IS NULL AND ${oldRow}.opt_out_cause IS NULL
  AND ${newRow}.opted_out_at IS NOT NULL AND ${newRow}.opt_out_cause IS NOT NULL
  AND ${newRow}.id = ${oldRow}.id AND ${newRow}.application_id = ${oldRow}.application_id
  AND ${newRow}.member_id = ${oldRow}.member_id AND ${newRow}.regulated_at = ${oldRow}.regulated_at
  AND ${newRow}.opt_in_cause = ${oldRow}.opt_in_cause`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  for (const table of ["compliance_events", "messages"]) {
    await sql
      .raw(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} rows are immutable: UPDATE refused'); END`)
      .execute(db);
  }
  await sql
    .raw(`CREATE TRIGGER compliance_authorizations_append_only
      BEFORE UPDATE ON compliance_authorizations
      WHEN NOT (${closesOnce("OLD", "NEW")})
      BEGIN SELECT RAISE(ABORT, 'compliance_authorizations is append-only: only closing an open interval, once, is allowed'); END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER compliance_authorizations_no_delete
      BEFORE DELETE ON compliance_authorizations
      WHEN NOT EXISTS (SELECT 1 FROM world_replacement)
      BEGIN SELECT RAISE(ABORT, 'compliance_authorizations is append-only: DELETE refused outside a world replacement'); END`)
    .execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`CREATE FUNCTION regula_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable: UPDATE refused', TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`)
    .execute(db);
  for (const table of ["compliance_events", "messages"]) {
    await sql
      .raw(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION regula_refuse_update()`)
      .execute(db);
  }
  await sql
    .raw(`CREATE FUNCTION regula_authorization_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF ${closesOnce("OLD", "NEW")} THEN RETURN NEW; END IF;
          RAISE EXCEPTION 'compliance_authorizations is append-only: only closing an open interval, once, is allowed'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM world_replacement) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END;
        END IF;
        RAISE EXCEPTION 'compliance_authorizations is append-only: % refused outside a world replacement', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER compliance_authorizations_append_only
      BEFORE UPDATE OR DELETE ON compliance_authorizations
      FOR EACH ROW EXECUTE FUNCTION regula_authorization_append_only()`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER compliance_authorizations_no_truncate
      BEFORE TRUNCATE ON compliance_authorizations
      FOR EACH STATEMENT EXECUTE FUNCTION regula_authorization_append_only()`)
    .execute(db);
}
