import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import { openDatabase } from "../../src/store/dialects.js";
import type { Database } from "../../src/store/schema.js";
import type { Store } from "../../src/store/store.js";
import { personUrn } from "../../src/urn.js";
import { storeTargets } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

const T0 = 1_800_000_000_000;

// Migration 0005: the database refuses to rewrite evidence, whatever code asks it to.
describe.each(storeTargets)(
  "store on $name: events are immutable, authorization history append-only",
  (target) => {
    let store: Store;
    let raw: Kysely<Database>;
    let closeRaw: () => Promise<void>;
    let dispose: () => Promise<void>;
    let appId: string;

    beforeEach(async () => {
      const created = await target.create();
      ({ store, dispose } = created);
      // A second, plain handle on the same database: what a buggy code path or a script would use.
      const opened = await openDatabase(created.location);
      raw = opened.db;
      closeRaw = opened.destroy;
      appId = await insertStoreWorld(store, { members: ["ada", "bob"], at: T0 });
      await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: T0 });
      await store.authorizations.optIn(appId, "ada", "ADMIN");
      await sendMessages(
        [1, 2, 3].map((i) => ({ from: personUrn("bob"), to: [personUrn("ada")], text: `m${i}` })),
        { store },
      );
    });
    afterEach(async () => {
      await closeRaw();
      await dispose();
    });

    const eventRows = () => raw.selectFrom("compliance_events").selectAll().orderBy("id").execute();
    const authorizationRows = () =>
      raw.selectFrom("compliance_authorizations").selectAll().orderBy("id").execute();

    it("refuses any UPDATE of a stored event or captured message, and nothing changes", async () => {
      const before = await eventRows();
      expect(before).toHaveLength(3);
      await expect(
        raw
          .updateTable("compliance_events")
          .set({ processed_at: T0 + 1 })
          .execute(),
      ).rejects.toThrow(/immutable/);
      await expect(
        raw
          .updateTable("compliance_events")
          .set({ actor: "urn:li:person:x" })
          .where("id", "=", before[0]!.id)
          .execute(),
      ).rejects.toThrow(/immutable/);
      await expect(sql`update messages set body_text = 'rewritten'`.execute(raw)).rejects.toThrow(
        /immutable/,
      );
      expect(await eventRows()).toEqual(before);
      const texts = await raw.selectFrom("messages").select("body_text").orderBy("seq").execute();
      expect(texts.map((t) => t.body_text)).toEqual(["m1", "m2", "m3"]);
    });

    it("still lets the retention purge delete old events", async () => {
      expect(await store.messaging.purgeEventsBefore(T0 + 1)).toBe(3);
      expect(await eventRows()).toEqual([]);
    });

    it("lets an opt-out close an interval once, and refuses every other rewrite or delete", async () => {
      const closed = await store.authorizations.optOut(appId, "ada", "API_OPT_OUT");
      expect(closed).toMatchObject({ optedOutAt: T0, optOutCause: "API_OPT_OUT" });
      const before = await authorizationRows();
      const id = before[0]!.id;
      // Re-opening, moving the end, moving the start, changing the cause: all refused.
      for (const change of [
        { opted_out_at: null, opt_out_cause: null },
        { opted_out_at: T0 + 5 },
        { regulated_at: T0 - 5 },
        { opt_out_cause: "ADMIN" },
      ]) {
        await expect(
          raw.updateTable("compliance_authorizations").set(change).where("id", "=", id).execute(),
          JSON.stringify(change),
        ).rejects.toThrow(/append-only/);
      }
      await expect(
        raw.deleteFrom("compliance_authorizations").where("id", "=", id).execute(),
      ).rejects.toThrow(/append-only/);
      if (target.name === "postgres") {
        await expect(sql`truncate compliance_authorizations`.execute(raw)).rejects.toThrow(
          /append-only/,
        );
      }
      expect(await authorizationRows()).toEqual(before);
      // The normal flow goes on: opting in again appends a new interval.
      await store.authorizations.optIn(appId, "ada", "API_OPT_IN");
      expect(await authorizationRows()).toHaveLength(2);
    });

    it("refuses to rewrite an open interval's start or cause", async () => {
      const [open] = await authorizationRows();
      await expect(
        raw
          .updateTable("compliance_authorizations")
          .set({ regulated_at: T0 - 1, opted_out_at: T0, opt_out_cause: "ADMIN" })
          .where("id", "=", open!.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      expect(await authorizationRows()).toEqual([open]);
    });

    it("lets deleting an application close its intervals", async () => {
      expect(await store.applications.delete(appId)).toBe(true);
      const [row] = await authorizationRows();
      expect(row).toMatchObject({ opted_out_at: T0, opt_out_cause: "APPLICATION_DELETED" });
    });

    it("lets a reset, an import and a snapshot restore replace the whole world, and a failed one leaves no permit behind", async () => {
      await store.world.snapshots.create("before", T0);
      await store.resetWorld();
      expect(await authorizationRows()).toEqual([]);
      expect(await eventRows()).toEqual([]);
      expect(await store.world.snapshots.restore("before")).not.toBeNull();
      expect(await authorizationRows()).toHaveLength(1);
      expect(await eventRows()).toHaveLength(3);
      await expect(
        store.world.replace(async () => {
          throw new Error("import failed half-way");
        }),
      ).rejects.toThrow("import failed half-way");
      expect(await authorizationRows()).toHaveLength(1);
      expect(await raw.selectFrom("world_replacement").selectAll().execute()).toEqual([]);
      await expect(raw.deleteFrom("compliance_authorizations").execute()).rejects.toThrow(
        /append-only/,
      );
      await store.world.replace(async (world) => {
        await world.world.insertAuthorization({
          applicationId: appId,
          memberId: "bob",
          regulatedAt: T0,
          optInCause: "ADMIN",
          optedOutAt: null,
          optOutCause: null,
        });
      });
      expect(await authorizationRows()).toMatchObject([{ member_id: "bob" }]);
      expect(await raw.selectFrom("world_replacement").selectAll().execute()).toEqual([]);
    });
  },
);
