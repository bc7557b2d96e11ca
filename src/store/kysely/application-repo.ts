import type { Kysely, Selectable } from "kysely";
import type { Application } from "../../domain/records.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type { ApplicationStore } from "../store.js";
import { insertOrConflict } from "./errors.js";
import { allocateCounterIds } from "./ids.js";
import { preparedQuery, type Reader } from "./reader.js";
import { withMemberLocks } from "./write-transaction.js";

type Row = Selectable<Database["applications"]>;

export function toApplication(row: Row): Application {
  return {
    id: String(row.id),
    name: row.name,
    clientId: row.client_id,
    clientSecretHash: row.client_secret_hash,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    permissions: JSON.parse(row.permissions) as string[],
    refreshTokens: row.refresh_tokens_enabled_at !== null,
    clientCredentials: row.client_credentials_enabled_at !== null,
    createdAt: Number(row.created_at),
  };
}

export function createApplicationRepo(
  db: Kysely<Database>,
  dialect: DialectName,
  read: Reader,
): ApplicationStore {
  const findById = preparedQuery(
    read,
    db.selectFrom("applications").selectAll().where("id", "=", 0).compile(),
  );
  return {
    async insert(app) {
      const id = app.id ?? String((await allocateCounterIds(db, "applications", 1))[0]);
      await insertOrConflict("An application with this id or client id", () =>
        db
          .insertInto("applications")
          .values({
            id: Number(id),
            name: app.name,
            client_id: app.clientId,
            client_secret_hash: app.clientSecretHash,
            redirect_uris: JSON.stringify(app.redirectUris),
            permissions: JSON.stringify(app.permissions),
            refresh_tokens_enabled_at: app.refreshTokens ? app.createdAt : null,
            client_credentials_enabled_at: app.clientCredentials ? app.createdAt : null,
            created_at: app.createdAt,
          })
          .execute(),
      );
      return { ...app, id };
    },
    async findById(id) {
      if (!/^\d{1,15}$/.test(id)) return null;
      const [row] = await findById([Number(id)]);
      return row ? toApplication(row) : null;
    },
    async findByClientId(clientId) {
      const row = await db
        .selectFrom("applications")
        .selectAll()
        .where("client_id", "=", clientId)
        .executeTakeFirst();
      return row ? toApplication(row) : null;
    },
    async list() {
      const rows = await db.selectFrom("applications").selectAll().orderBy("id").execute();
      return rows.map(toApplication);
    },
    async replaceSecretHash(id, clientSecretHash) {
      await db
        .updateTable("applications")
        .set({ client_secret_hash: clientSecretHash })
        .where("id", "=", Number(id))
        .execute();
    },
    async delete(id) {
      if (!/^\d{1,15}$/.test(id)) return false;
      const appId = Number(id);
      const openMembers = await db
        .selectFrom("compliance_authorizations")
        .select("member_id")
        .where("application_id", "=", appId)
        .where("opted_out_at", "is", null)
        .execute();
      return withMemberLocks(
        db,
        dialect,
        openMembers.map((r) => r.member_id),
        async ({ db: trx, nowMs }) => {
          const deleted = await trx
            .deleteFrom("applications")
            .where("id", "=", appId)
            .executeTakeFirst();
          if (Number(deleted.numDeletedRows) === 0) return false;
          await trx
            .updateTable("access_tokens")
            .set({ revoked_at: nowMs })
            .where("application_id", "=", appId)
            .where("revoked_at", "is", null)
            .execute();
          await trx.deleteFrom("authorization_codes").where("application_id", "=", appId).execute();
          await trx.deleteFrom("member_grants").where("application_id", "=", appId).execute();
          await trx
            .updateTable("compliance_authorizations")
            .set({ opted_out_at: nowMs, opt_out_cause: "APPLICATION_DELETED" })
            .where("application_id", "=", appId)
            .where("opted_out_at", "is", null)
            .execute();
          return true;
        },
      );
    },
  };
}
