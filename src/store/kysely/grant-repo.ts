import type { Kysely, Selectable } from "kysely";
import type { MemberGrant } from "../../domain/records.js";
import type { Database } from "../schema.js";
import type { GrantStore } from "../store.js";

function toGrant(row: Selectable<Database["member_grants"]>): MemberGrant {
  return {
    applicationId: String(row.application_id),
    memberId: row.member_id,
    scopes: JSON.parse(row.scopes) as string[],
    grantedAt: Number(row.granted_at),
  };
}

export function createGrantRepo(db: Kysely<Database>): GrantStore {
  return {
    async upsert(grant) {
      const scopes = JSON.stringify(grant.scopes);
      await db
        .insertInto("member_grants")
        .values({
          application_id: Number(grant.applicationId),
          member_id: grant.memberId,
          scopes,
          granted_at: grant.grantedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(["application_id", "member_id"])
            .doUpdateSet({ scopes, granted_at: grant.grantedAt }),
        )
        .execute();
    },
    async find(applicationId, memberId) {
      const row = await db
        .selectFrom("member_grants")
        .selectAll()
        .where("application_id", "=", Number(applicationId))
        .where("member_id", "=", memberId)
        .executeTakeFirst();
      return row ? toGrant(row) : null;
    },
    async listForMember(memberId) {
      const rows = await db
        .selectFrom("member_grants")
        .selectAll()
        .where("member_id", "=", memberId)
        .orderBy("granted_at")
        .execute();
      return rows.map(toGrant);
    },
  };
}
