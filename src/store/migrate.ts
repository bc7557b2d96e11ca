import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { DialectName } from "./dialects.js";
import * as foundation from "./migrations/0001-foundation.js";
import * as tokenSourceCode from "./migrations/0002-token-source-code.js";
import * as worldSnapshots from "./migrations/0004-world-snapshots.js";
import * as immutableEvents from "./migrations/0005-immutable-events.js";
import * as compactMessages from "./migrations/0006-compact-messages.js";
import type { Database } from "./schema.js";

interface DialectMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** The one migration history, in order. Each migration may branch on the dialect. */
const history: ReadonlyArray<[string, DialectMigration]> = [
  ["0001-foundation", foundation],
  ["0002-token-source-code", tokenSourceCode],
  ["0004-world-snapshots", worldSnapshots],
  ["0005-immutable-events", immutableEvents],
  ["0006-compact-messages", compactMessages],
];

class HistoryProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, migration] of history) {
      migrations[name] = { up: (db) => migration.up(db, this.dialect) };
    }
    return migrations;
  }
}

/** Applies every pending migration; throws with the first failure. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectName,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new HistoryProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Applies pending migrations up to and including `name` (tests of later migrations). */
export async function migrateTo(
  db: Kysely<Database>,
  dialect: DialectName,
  name: string,
): Promise<void> {
  const migrator = new Migrator({ db, provider: new HistoryProvider(dialect) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
