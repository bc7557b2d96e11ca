import type { Kysely } from "kysely";

/**
 * Which authorization code a token was issued for, so that replaying a used code can
 * revoke the tokens it produced (RFC 6749 §4.1.2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("access_tokens").addColumn("source_code_hash", "text").execute();
  await db.schema
    .createIndex("access_tokens_by_source_code")
    .on("access_tokens")
    .column("source_code_hash")
    .execute();
}
