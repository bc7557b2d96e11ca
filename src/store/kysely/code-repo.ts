import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { CodeStore } from "../store.js";

export function createCodeRepo(db: Kysely<Database>): CodeStore {
  return {
    async insert(code) {
      await db
        .insertInto("authorization_codes")
        .values({
          code_hash: code.codeHash,
          application_id: Number(code.applicationId),
          member_id: code.memberId,
          redirect_uri: code.redirectUri,
          scopes: JSON.stringify(code.scopes),
          code_challenge: code.codeChallenge,
          code_challenge_method: code.codeChallengeMethod,
          created_at: code.createdAt,
          expires_at: code.expiresAt,
          used_at: code.usedAt,
        })
        .execute();
    },
    async consume(codeHash, atMs) {
      // A conditional update is the single-use guarantee: only one caller flips used_at.
      const row = await db
        .updateTable("authorization_codes")
        .set({ used_at: atMs })
        .where("code_hash", "=", codeHash)
        .where("used_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      return {
        codeHash: row.code_hash,
        applicationId: String(row.application_id),
        memberId: row.member_id,
        redirectUri: row.redirect_uri,
        scopes: JSON.parse(row.scopes) as string[],
        codeChallenge: row.code_challenge,
        codeChallengeMethod: row.code_challenge_method,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
        usedAt: atMs,
      };
    },
  };
}
