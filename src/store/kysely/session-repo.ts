import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { SessionStore } from "../store.js";

export function createSessionRepo(db: Kysely<Database>): SessionStore {
  return {
    async insert(session) {
      await db
        .insertInto("web_sessions")
        .values({
          session_hash: session.sessionHash,
          member_id: session.memberId,
          csrf_secret: session.csrfSecret,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async findByHash(sessionHash) {
      const row = await db
        .selectFrom("web_sessions")
        .selectAll()
        .where("session_hash", "=", sessionHash)
        .executeTakeFirst();
      if (!row) return null;
      return {
        sessionHash: row.session_hash,
        memberId: row.member_id,
        csrfSecret: row.csrf_secret,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
      };
    },
    async delete(sessionHash) {
      await db.deleteFrom("web_sessions").where("session_hash", "=", sessionHash).execute();
    },
  };
}
