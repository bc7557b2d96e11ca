import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import { VirtualClock } from "../../src/domain/virtual-clock.js";
import { applySeed } from "../../src/sandbox/apply-seed.js";
import { openDatabase } from "../../src/store/dialects.js";
import type { Store } from "../../src/store/store.js";
import { storeTargets } from "../helpers/store-targets.js";
import type { AckedMessage } from "./soak-load.js";
import { verifyStore } from "./soak-verify.js";
import { seed } from "./workload.js";

// The soak's verdict is only worth something if its checker catches damage: each kind of
// damage it reports is made here by hand, on both stores.
describe.each(storeTargets)("the soak's checker on $name", (target) => {
  let store: Store;
  let location: { databaseUrl?: string; dataDir: string };
  let dispose: () => Promise<void>;
  let acked: AckedMessage[];

  beforeEach(async () => {
    ({ store, location, dispose } = await target.create());
    const clock = new VirtualClock(store);
    await clock.load();
    await applySeed(seed, { store, clock });
    const results = await sendMessages(
      [
        { from: "urn:li:person:pm0", to: ["urn:li:person:pm1"], text: "one", mailbox: "PERSONAL" },
        { from: "urn:li:person:pm2", to: ["urn:li:person:pm5"], text: "two", mailbox: "PERSONAL" },
        {
          from: "urn:li:person:pm5",
          to: ["urn:li:person:pm0"],
          text: "three",
          mailbox: "PERSONAL",
        },
      ],
      { store },
    );
    acked = results.map((r) => ({
      id: r.message.id,
      capturedFor: r.capturedFor.map((c) => `${c.owner}|${c.application}`),
    }));
  });
  afterEach(async () => dispose());

  /** Runs `damage` on a plain handle on the same database. */
  async function withRaw(
    damage: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<unknown>,
  ) {
    const raw = await openDatabase(location);
    try {
      await damage(raw.db);
    } finally {
      await raw.destroy();
    }
  }

  it("finds nothing wrong in an intact store", async () => {
    const findings = await verifyStore(location, acked);
    expect(findings).toMatchObject({ lost: [], unexpected: [], partial: [], storedMessages: 3 });
  });

  it("reports an acknowledged message that lost an event", async () => {
    await withRaw((db) =>
      db.deleteFrom("compliance_events").where("message_id", "=", acked[0]!.id).execute(),
    );
    const findings = await verifyStore(location, acked);
    expect(findings.lost).toEqual([acked[0]!.id]);
    // Unacknowledged, the same message is half-written: pm0 is always regulated.
    expect((await verifyStore(location, acked.slice(1))).partial).toEqual([acked[0]!.id]);
  });

  it("reports an event outside every authorization of its stream", async () => {
    await withRaw((db) =>
      db
        .insertInto("compliance_events")
        .values({
          id: 999_999,
          application_id: 610001,
          owner_member_id: "pm5",
          message_id: acked[2]!.id,
          actor: "urn:li:person:pm5",
          activity_status: "SUCCESS",
          captured_at: 0,
          processed_at: 0,
        })
        .execute(),
    );
    expect((await verifyStore(location, acked.slice(0, 2))).unexpected).toEqual([
      `event 999999 of ${acked[2]!.id}`,
    ]);
  });
});
