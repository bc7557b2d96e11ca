import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import type { Store } from "../../src/store/store.js";
import { personUrn } from "../../src/urn.js";
import { postgresAvailable, storeTargets } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

const T0 = 1_800_000_000_000;
const postgres = storeTargets.find((t) => t.name === "postgres");

// Events that share a processedAt must come back by id: that is what makes LinkedIn's
// inclusive `startTime` plus dedup-by-id safe, and `start` paging stable. On SQLite the
// index (application, owner, processed_at, id) already yields id order, so only PostgreSQL,
// whose planner sorts a small table's heap rows, can show a query that forgot the tie-break:
// deleting and re-inserting the first rows moves them to the end of the heap.
describe.skipIf(!postgresAvailable || !postgres)(
  "store: events with one processedAt on postgres",
  () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let databaseUrl: string;

    beforeEach(async () => {
      const created = await postgres!.create();
      ({ store, dispose } = created);
      databaseUrl = created.location.databaseUrl!;
    });
    afterEach(async () => dispose());

    it("orders events of the same millisecond by id even when the heap holds them out of order", async () => {
      const appId = await insertStoreWorld(store, { members: ["ada", "bob"], at: T0 });
      await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: T0 });
      await store.authorizations.optIn(appId, "ada", "ADMIN");
      const inputs = Array.from({ length: 6 }, (_, i) => ({
        from: personUrn("bob"),
        to: [personUrn("ada")],
        text: `m${i}`,
      }));
      await sendMessages(inputs, { store });
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string }>(
          "select id from compliance_events order by id limit 3",
        );
        const firstIds = rows.map((r) => r.id);
        // Events and messages refuse UPDATE (migration 0005): moving a row means taking it
        // out and putting it back, which writes it at the end of the heap all the same.
        await client.query(
          "with moved as (delete from compliance_events where id = any($1) returning *) insert into compliance_events select * from moved",
          [firstIds],
        );
        await client.query(
          "with moved as (delete from messages returning *) insert into messages select * from moved",
        );
        await client.query("analyze");
      } finally {
        await client.end();
      }
      const page = await store.messaging.findEvents({
        applicationId: appId,
        ownerMemberId: "ada",
        fromMs: 0,
        toMs: null,
        offset: 0,
        limit: 10,
      });
      const ids = page.rows.map((r) => r.id);
      expect(new Set(page.rows.map((r) => r.processedAt))).toEqual(new Set([T0]));
      expect(ids).toHaveLength(6);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      // Paging with start/count through the same millisecond: every id once, in id order.
      const paged: number[] = [];
      for (let offset = 0; offset < 8; offset += 4) {
        const next = await store.messaging.findEvents({
          applicationId: appId,
          ownerMemberId: "ada",
          fromMs: T0,
          toMs: null,
          offset,
          limit: 4,
        });
        paged.push(...next.rows.map((r) => r.id));
      }
      expect(paged).toEqual(ids);
    });
  },
);
