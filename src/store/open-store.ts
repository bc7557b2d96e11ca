import type { Kysely } from "kysely";
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
import type { PageReaders } from "./kysely/page-readers.js";
import { createReader } from "./kysely/reader.js";
import { createSessionRepo } from "./kysely/session-repo.js";
import { createSettingsRepo } from "./kysely/settings-repo.js";
import { createTokenRepo } from "./kysely/token-repo.js";
import { createWorldRepo } from "./kysely/world-repo.js";
import { migrateToLatest } from "./migrate.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

/** Opens the database, applies pending migrations and returns the store over it. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const { db, dialect, destroy, sqliteReads, pgPool, sqlitePages } = await openDatabase(location);
  try {
    await migrateToLatest(db, dialect);
  } catch (error) {
    await destroy();
    throw error;
  }
  return createStore(db, dialect, destroy, { sqliteReads, pgPool }, sqlitePages);
}

/**
 * The store over one database handle: the pool, or the one transaction of a world
 * replacement (then `world.replace` and `close` are refused, since they cannot nest).
 */
function createStore(
  db: Kysely<Database>,
  dialect: DialectName,
  destroy: (() => Promise<void>) | null,
  raw: Parameters<typeof createReader>[1] = {},
  pages?: PageReaders,
): Store {
  const read = createReader(db, raw);
  const store: Store = {
    dialect,
    settings: createSettingsRepo(db),
    applications: createApplicationRepo(db, dialect, read),
    members: createMemberRepo(db, dialect, read),
    tokens: createTokenRepo(db, dialect, read),
    codes: createCodeRepo(db),
    grants: createGrantRepo(db),
    sessions: createSessionRepo(db),
    authorizations: createAuthorizationRepo(db, dialect),
    messaging: createMessagingRepo(db, dialect, read, pages),
    world: createWorldRepo(db, dialect, (trx) => createStore(trx, dialect, null), !destroy),
    resetWorld: () => store.world.replace(async () => {}),
    checkDurability: () =>
      dialect === "postgres" ? checkPostgresDurability(db) : Promise.resolve(null),
    close: async () => {
      if (!destroy) throw new Error("The store of a world replacement is closed by its commit");
      await destroy();
    },
  };
  return store;
}
