import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialects.js";

/**
 * The whole data model of Regula's first release. Time is bigint epoch milliseconds; ids
 * are text chosen by the application except LinkedIn's numeric ones; no boolean columns
 * (nullable timestamps record when something happened).
 */
export const idSequences = ["message_seq", "event_ids"] as const;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const bigId = dialect === "postgres" ? "bigserial" : "integer";

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  // Numeric ids: PostgreSQL sequences; on SQLite a counter row, safe because every writer
  // holds the database's single write lock.
  if (dialect === "postgres") {
    for (const name of idSequences) await sql`create sequence ${sql.raw(name)}`.execute(db);
  }
  await db.schema
    .createTable("id_counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("next_value", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull().unique())
    .addColumn("client_secret_hash", "text", (c) => c.notNull())
    .addColumn("redirect_uris", "text", (c) => c.notNull())
    .addColumn("permissions", "text", (c) => c.notNull())
    .addColumn("refresh_tokens_enabled_at", "bigint")
    .addColumn("client_credentials_enabled_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("sales_identity_id", "text", (c) => c.unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("access_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("application_id", "bigint", (c) => c.notNull())
    .addColumn("member_id", "text")
    .addColumn("auth_type", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("authorized_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("refresh_token_hash", "text", (c) => c.unique())
    .addColumn("refresh_expires_at", "bigint")
    .execute();
  await db.schema
    .createIndex("access_tokens_by_app_member")
    .on("access_tokens")
    .columns(["application_id", "member_id"])
    .execute();

  await db.schema
    .createTable("authorization_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("application_id", "bigint", (c) => c.notNull())
    .addColumn("member_id", "text", (c) => c.notNull())
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("code_challenge_method", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .execute();

  // What a member allowed an application to do (the consent), independent of tokens.
  await db.schema
    .createTable("member_grants")
    .addColumn("application_id", "bigint", (c) => c.notNull())
    .addColumn("member_id", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("granted_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("member_grants_pk", ["application_id", "member_id"])
    .execute();

  await db.schema
    .createTable("web_sessions")
    .addColumn("session_hash", "text", (c) => c.primaryKey())
    .addColumn("member_id", "text", (c) => c.notNull())
    .addColumn("csrf_secret", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  // One row per regulated interval; the open interval has opted_out_at null.
  await db.schema
    .createTable("compliance_authorizations")
    .addColumn("id", bigId, (c) =>
      c.primaryKey().$call((b) => (dialect === "sqlite" ? b.autoIncrement() : b)),
    )
    .addColumn("application_id", "bigint", (c) => c.notNull())
    .addColumn("member_id", "text", (c) => c.notNull())
    .addColumn("regulated_at", "bigint", (c) => c.notNull())
    .addColumn("opt_in_cause", "text", (c) => c.notNull())
    .addColumn("opted_out_at", "bigint")
    .addColumn("opt_out_cause", "text")
    .execute();
  await db.schema
    .createIndex("compliance_authorizations_open")
    .on("compliance_authorizations")
    .columns(["application_id", "member_id"])
    .unique()
    .where(sql.ref("opted_out_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("compliance_authorizations_by_member")
    .on("compliance_authorizations")
    .columns(["member_id", "application_id"])
    .execute();

  // The per-member lock and cursor floor that orders capture (design/capture-ordering.md).
  await db.schema
    .createTable("member_watermarks")
    .addColumn("member_id", "text", (c) => c.primaryKey())
    .addColumn("last_processed_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("threads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("creator_member_id", "text", (c) => c.notNull())
    .addColumn("creator_identity", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_message_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("thread_participants")
    .addColumn("thread_id", "text", (c) => c.notNull())
    .addColumn("member_id", "text", (c) => c.notNull())
    .addColumn("identity", "text", (c) => c.notNull())
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_participants_pk", ["thread_id", "member_id"])
    .execute();
  await db.schema
    .createIndex("thread_participants_by_member")
    .on("thread_participants")
    .columns(["member_id", "thread_id"])
    .execute();

  // A message keeps its captured JSON (activity, processedActivity, siblings) once; every
  // owner's event points at it, so N owners cost N small rows, not N copies.
  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("thread_id", "text", (c) => c.notNull())
    .addColumn("sender_member_id", "text", (c) => c.notNull())
    .addColumn("author_identity", "text", (c) => c.notNull())
    .addColumn("mailbox", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("attachments", "text", (c) => c.notNull())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("delivered_at", "bigint", (c) => c.notNull())
    .addColumn("activity_json", "text", (c) => c.notNull())
    .addColumn("processed_activity_json", "text", (c) => c.notNull())
    .addColumn("siblings_json", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("messages_by_thread")
    .on("messages")
    .columns(["thread_id", "created_at", "seq"])
    .execute();

  await db.schema
    .createTable("compliance_events")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("application_id", "bigint", (c) => c.notNull())
    .addColumn("owner_member_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("activity_status", "text", (c) => c.notNull())
    .addColumn("captured_at", "bigint", (c) => c.notNull())
    .addColumn("processed_at", "bigint", (c) => c.notNull())
    .execute();
  // Keyset order for event pages: one index range scan per page, whatever the table size.
  await db.schema
    .createIndex("compliance_events_stream")
    .on("compliance_events")
    .columns(["application_id", "owner_member_id", "processed_at", "id"])
    .execute();
  await db.schema
    .createIndex("compliance_events_by_age")
    .on("compliance_events")
    .columns(["processed_at"])
    .execute();
}
