import pg from "pg";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { createPostgresDatabase, postgresAvailable } from "../helpers/store-targets.js";

// PostgreSQL only: SQLite has no server connections to lose. Without PostgreSQL this suite
// is skipped with the reason printed by store-targets (and fails in CI, where it is required).
describe.skipIf(!postgresAvailable)(
  "a PostgreSQL store whose idle connections the server ends",
  () => {
    it("keeps the process alive and answers the next query on a fresh connection", async () => {
      const database = await createPostgresDatabase();
      const store = await openStore({ databaseUrl: database.url, dataDir: "/tmp" });
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on("uncaughtException", onUncaught);
      try {
        await store.settings.set("probe", "1");
        const name = new URL(database.url).pathname.slice(1);
        const admin = new pg.Client({ connectionString: database.url });
        await admin.connect();
        const ended = await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
          [name],
        );
        await admin.end();
        expect(ended.rowCount).toBeGreaterThan(0);
        // Let the terminations reach the idle clients.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await store.settings.get("probe")).toBe("1");
        expect(uncaught).toEqual([]);
      } finally {
        process.off("uncaughtException", onUncaught);
        await store.close();
        await database.drop();
      }
    });
  },
);
