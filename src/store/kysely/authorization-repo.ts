import type { Kysely, Selectable } from "kysely";
import type { ComplianceAuthorization, OptInCause, OptOutCause } from "../../domain/records.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type { AuthorizationStore } from "../store.js";
import { advanceWatermarks, withMemberLocks } from "./write-transaction.js";

type Row = Selectable<Database["compliance_authorizations"]>;

function toAuthorization(row: Row): ComplianceAuthorization {
  return {
    applicationId: String(row.application_id),
    memberId: row.member_id,
    regulatedAt: Number(row.regulated_at),
    optInCause: row.opt_in_cause as OptInCause,
    optedOutAt: row.opted_out_at === null ? null : Number(row.opted_out_at),
    optOutCause: row.opt_out_cause as OptOutCause | null,
  };
}

async function findOpenRow(db: Kysely<Database>, applicationId: string, memberId: string) {
  return db
    .selectFrom("compliance_authorizations")
    .selectAll()
    .where("application_id", "=", Number(applicationId))
    .where("member_id", "=", memberId)
    .where("opted_out_at", "is", null)
    .executeTakeFirst();
}

/**
 * A consent change happens at "now" read under the member's lock, clamped to the member's
 * watermark, so it is ordered after every event already visible for that member: a message
 * captured before the opt-out commits is stamped no later than the opt-out, and none after.
 */
function consentTime(nowMs: number, watermark: number | undefined): number {
  return Math.max(nowMs, watermark ?? 0);
}

export function createAuthorizationRepo(
  db: Kysely<Database>,
  dialect: DialectName,
): AuthorizationStore {
  async function closeOpen(
    trx: Kysely<Database>,
    applicationId: string,
    memberId: string,
    atMs: number,
    cause: OptOutCause,
  ): Promise<ComplianceAuthorization | null> {
    const open = await findOpenRow(trx, applicationId, memberId);
    if (!open) return null;
    await trx
      .updateTable("compliance_authorizations")
      .set({ opted_out_at: atMs, opt_out_cause: cause })
      .where("id", "=", open.id)
      .execute();
    return toAuthorization({ ...open, opted_out_at: atMs, opt_out_cause: cause });
  }

  return {
    optIn(applicationId, memberId, cause, options = {}) {
      return withMemberLocks(db, dialect, [memberId], async ({ db: trx, nowMs, watermarks }) => {
        const open = await findOpenRow(trx, applicationId, memberId);
        if (open) return { authorization: toAuthorization(open), created: false };
        const regulatedAt = options.atMs ?? consentTime(nowMs, watermarks.get(memberId));
        const row = await trx
          .insertInto("compliance_authorizations")
          .values({
            application_id: Number(applicationId),
            member_id: memberId,
            regulated_at: regulatedAt,
            opt_in_cause: cause,
            opted_out_at: null,
            opt_out_cause: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        // The member's timeline moves to the opt-in, so every later message of theirs is
        // stamped at or after regulatedAt, even if the clock is set back in between.
        if (options.atMs === undefined)
          await advanceWatermarks(trx, new Map([[memberId, regulatedAt]]));
        return { authorization: toAuthorization(row), created: true };
      });
    },
    optOut(applicationId, memberId, cause) {
      return withMemberLocks(db, dialect, [memberId], async ({ db: trx, nowMs, watermarks }) => {
        const atMs = consentTime(nowMs, watermarks.get(memberId));
        const closed = await closeOpen(trx, applicationId, memberId, atMs, cause);
        if (closed) await advanceWatermarks(trx, new Map([[memberId, atMs]]));
        return closed;
      });
    },
    removeApplicationForMember(applicationId, memberId) {
      return withMemberLocks(db, dialect, [memberId], async ({ db: trx, nowMs, watermarks }) => {
        const atMs = consentTime(nowMs, watermarks.get(memberId));
        const revoked = await trx
          .updateTable("access_tokens")
          .set({ revoked_at: atMs })
          .where("application_id", "=", Number(applicationId))
          .where("member_id", "=", memberId)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        await trx
          .deleteFrom("member_grants")
          .where("application_id", "=", Number(applicationId))
          .where("member_id", "=", memberId)
          .execute();
        const closed = await closeOpen(trx, applicationId, memberId, atMs, "MEMBER_REMOVED_APP");
        if (closed) await advanceWatermarks(trx, new Map([[memberId, atMs]]));
        return {
          revokedTokens: Number(revoked.numUpdatedRows),
          endedAuthorization: closed !== null,
        };
      });
    },
    async findOpen(applicationId, memberId) {
      const row = await findOpenRow(db, applicationId, memberId);
      return row ? toAuthorization(row) : null;
    },
    async listForMember(memberId) {
      const rows = await db
        .selectFrom("compliance_authorizations")
        .selectAll()
        .where("member_id", "=", memberId)
        .orderBy("regulated_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(toAuthorization);
    },
    async list() {
      const rows = await db
        .selectFrom("compliance_authorizations")
        .selectAll()
        .orderBy("id")
        .execute();
      return rows.map(toAuthorization);
    },
  };
}
