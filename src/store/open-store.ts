import {
  checkPostgresDurability,
  type DialectName,
  openDatabase,
  type StoreLocation,
} from "./dialects.js";
import { createApplicationRepo } from "./kysely/application-repo.js";
import { createAuthorizationRepo } from "./kysely/authorization-repo.js";
import { createCodeRepo } from "./kysely/code-repo.js";
import { createGrantRepo } from "./kysely/grant-repo.js";
import { createMemberRepo } from "./kysely/member-repo.js";
import { createMessagingRepo } from "./kysely/messaging-repo.js";
import { createSessionRepo } from "./kysely/session-repo.js";
import { createSettingsRepo } from "./kysely/settings-repo.js";
import { createTokenRepo } from "./kysely/token-repo.js";
import { migrateToLatest } from "./migrate.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

/** Tables emptied by a reset, children first. `settings` keeps only `keep:` keys. */
const worldTables = [
  "compliance_events",
  "messages",
  "thread_participants",
  "threads",
  "member_watermarks",
  "compliance_authorizations",
  "web_sessions",
  "member_grants",
  "authorization_codes",
  "access_tokens",
  "members",
  "applications",
  "id_counters",
] as const satisfies readonly (keyof Database)[];

/** Opens the database, applies pending migrations and returns the store over it. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const { db, dialect, destroy } = await openDatabase(location);
  try {
    await migrateToLatest(db, dialect);
  } catch (error) {
    await destroy();
    throw error;
  }
  const name: DialectName = dialect;
  return {
    dialect: name,
    settings: createSettingsRepo(db),
    applications: createApplicationRepo(db, dialect),
    members: createMemberRepo(db),
    tokens: createTokenRepo(db),
    codes: createCodeRepo(db),
    grants: createGrantRepo(db),
    sessions: createSessionRepo(db),
    authorizations: createAuthorizationRepo(db, dialect),
    messaging: createMessagingRepo(db, dialect),
    async resetWorld() {
      await db.transaction().execute(async (trx) => {
        for (const table of worldTables) await trx.deleteFrom(table).execute();
        await trx.deleteFrom("settings").where("key", "not like", "keep:%").execute();
      });
    },
    checkDurability: () =>
      dialect === "postgres" ? checkPostgresDurability(db) : Promise.resolve(null),
    close: destroy,
  };
}
