import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialects.js";
import { toMessageTemplates } from "../kysely/message-templates.js";

const REWRITE_BATCH = 1000;

/**
 * A message stored once, its text once (issue 11):
 *
 * - `siblings_json` goes: each message kept its own copy of up to ten previous activities.
 *   siblingActivities are now read from the thread's previous messages by `seq` (the new
 *   (thread_id, seq) index), which gives the same bytes, since they were copied from there.
 * - `activity_json` and `processed_activity_json` become templates without the text and
 *   without the activity repeated (kysely/message-templates.ts). Rows are rewritten here, so
 *   the immutability trigger of 0005 is lifted for this migration only and put back as it was.
 * - `seq` gets a unique index: it is the commit order that export and siblings page by.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const dropTrigger =
    dialect === "sqlite"
      ? "DROP TRIGGER messages_immutable"
      : "DROP TRIGGER messages_immutable ON messages";
  await sql.raw(dropTrigger).execute(db);
  await db.schema.dropIndex("messages_by_thread").execute();
  await db.schema
    .createIndex("messages_by_thread_seq")
    .on("messages")
    .columns(["thread_id", "seq"])
    .execute();
  await db.schema.createIndex("messages_by_seq").on("messages").column("seq").unique().execute();
  await rewriteDocuments(db);
  await db.schema.alterTable("messages").dropColumn("siblings_json").execute();
  const trigger =
    dialect === "sqlite"
      ? `CREATE TRIGGER messages_immutable BEFORE UPDATE ON messages
         BEGIN SELECT RAISE(ABORT, 'messages rows are immutable: UPDATE refused'); END`
      : `CREATE TRIGGER messages_immutable BEFORE UPDATE ON messages
         FOR EACH ROW EXECUTE FUNCTION regula_refuse_update()`;
  await sql.raw(trigger).execute(db);
}

interface DocumentRow {
  id: string;
  seq: number | string;
  body_text: string;
  activity_json: string;
  processed_activity_json: string;
}

async function rewriteDocuments(db: Kysely<unknown>): Promise<void> {
  let after = -1;
  for (;;) {
    const { rows } = await sql<DocumentRow>`
      select id, seq, body_text, activity_json, processed_activity_json from messages
      where seq > ${after} order by seq limit ${REWRITE_BATCH}`.execute(db);
    if (rows.length === 0) return;
    for (const row of rows) {
      const t = toMessageTemplates(row.body_text, row.activity_json, row.processed_activity_json);
      await sql`update messages set activity_json = ${t.activityTemplate},
        processed_activity_json = ${t.processedActivityTemplate} where id = ${row.id}`.execute(db);
    }
    after = Number(rows[rows.length - 1]!.seq);
  }
}
