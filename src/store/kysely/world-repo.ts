import type { Kysely } from "kysely";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type { Store, WorldStore } from "../store.js";
import {
  insertHistory,
  readCounters,
  readEvents,
  readMessages,
  readThreads,
  readWatermarks,
  writeCounters,
} from "./world-history.js";
import { createSnapshotRepo } from "./world-snapshots.js";
import { withWorldTransaction } from "./world-transaction.js";

/**
 * The whole-world operations over one handle. `nested` is set for the store a world
 * transaction hands to its `build`: replacing or snapshotting cannot nest inside it.
 */
export function createWorldRepo(
  db: Kysely<Database>,
  dialect: DialectName,
  storeOver: (trx: Kysely<Database>) => Store,
  nested: boolean,
): WorldStore {
  const snapshots = createSnapshotRepo(db, dialect);
  const refuseNested = () => {
    if (nested) throw new Error("World operations cannot nest inside a world transaction");
  };
  return {
    replace(build) {
      refuseNested();
      return withWorldTransaction(db, dialect, (trx) => build(storeOver(trx)));
    },
    readThreads: () => readThreads(db),
    readMessages: () => readMessages(db, dialect),
    readEvents: () => readEvents(db),
    readWatermarks: () => readWatermarks(db),
    insertHistory: (history) => insertHistory(db, history),
    readCounters: () => readCounters(db, dialect),
    writeCounters: (counters) => writeCounters(db, dialect, counters),
    async insertAuthorization(a) {
      await db
        .insertInto("compliance_authorizations")
        .values({
          application_id: Number(a.applicationId),
          member_id: a.memberId,
          regulated_at: a.regulatedAt,
          opt_in_cause: a.optInCause,
          opted_out_at: a.optedOutAt,
          opt_out_cause: a.optOutCause,
        })
        .execute();
    },
    async listGrants() {
      const rows = await db
        .selectFrom("member_grants")
        .selectAll()
        .orderBy("application_id")
        .orderBy("member_id")
        .execute();
      return rows.map((r) => ({
        applicationId: String(r.application_id),
        memberId: r.member_id,
        scopes: JSON.parse(r.scopes) as string[],
        grantedAt: Number(r.granted_at),
      }));
    },
    async listCodes() {
      const rows = await db
        .selectFrom("authorization_codes")
        .selectAll()
        .orderBy("code_hash")
        .execute();
      return rows.map((r) => ({
        codeHash: r.code_hash,
        applicationId: String(r.application_id),
        memberId: r.member_id,
        redirectUri: r.redirect_uri,
        scopes: JSON.parse(r.scopes) as string[],
        codeChallenge: r.code_challenge,
        codeChallengeMethod: r.code_challenge_method,
        createdAt: Number(r.created_at),
        expiresAt: Number(r.expires_at),
        usedAt: r.used_at === null ? null : Number(r.used_at),
      }));
    },
    snapshots: {
      create(name, createdAt) {
        refuseNested();
        return snapshots.create(name, createdAt);
      },
      list: () => snapshots.list(),
      restore(name) {
        refuseNested();
        return snapshots.restore(name);
      },
      delete: (name) => snapshots.delete(name),
    },
  };
}
