import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import type { Store } from "../../src/store/store.js";
import { personUrn } from "../../src/urn.js";
import { storeTargets } from "../helpers/store-targets.js";

const T0 = 1_800_000_000_000;

describe.each(storeTargets)("store: the latest events of a member on $name", (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let appId: string;
  let otherAppId: string;

  const at = (ms: number) =>
    store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: ms });
  const send = async (from: string, to: string, text: string) =>
    (await sendMessages([{ from: personUrn(from), to: [personUrn(to)], text }], { store }))[0]!
      .message.id;

  beforeEach(async () => {
    ({ store, dispose } = await target.create());
    const app = {
      name: "A",
      clientSecretHash: "a".repeat(64),
      redirectUris: [],
      permissions: ["r_compliance_sales_nav"],
      refreshTokens: false,
      clientCredentials: false,
      createdAt: T0,
    };
    appId = (await store.applications.insert({ ...app, clientId: "client-a" })).id;
    otherAppId = (await store.applications.insert({ ...app, clientId: "client-b" })).id;
    for (const [id, sales] of [
      ["ada", "1001"],
      ["bob", "1002"],
    ] as const) {
      await store.members.insert({
        id,
        firstName: id,
        lastName: "",
        salesIdentityId: sales,
        createdAt: T0,
      });
    }
    await at(T0);
    await store.authorizations.optIn(appId, "ada", "ADMIN");
    await store.authorizations.optIn(otherAppId, "bob", "ADMIN");
  });
  afterEach(async () => dispose());

  it("returns the newest `limit` events, newest last, and says whether older ones exist", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await at(T0 + i * 10);
      ids.push(await send(i % 2 === 0 ? "ada" : "bob", i % 2 === 0 ? "bob" : "ada", `m${i}`));
    }
    const query = { applicationId: appId, ownerMemberId: "ada", fromMs: 0 };
    const latest = await store.messaging.findLatestEvents({ ...query, limit: 3 });
    expect(latest.rows.map((r) => r.messageId)).toEqual(ids.slice(1));
    expect(latest.rows.map((r) => r.processedAt)).toEqual([T0 + 10, T0 + 20, T0 + 30]);
    expect(latest.hasMore).toBe(true);
    const all = await store.messaging.findLatestEvents({ ...query, limit: 10 });
    expect(all.rows.map((r) => r.messageId)).toEqual(ids);
    expect(all.hasMore).toBe(false);
    expect(all.rows.map((r) => r.actor)).toEqual(["ada", "bob", "ada", "bob"].map(personUrn));
  });

  it("breaks processedAt ties by id and keeps to the owner, the application and fromMs", async () => {
    const first = await send("ada", "bob", "same millisecond 1");
    const second = await send("ada", "bob", "same millisecond 2");
    await at(T0 + 50);
    const later = await send("ada", "bob", "later");
    const rows = (
      await store.messaging.findLatestEvents({
        applicationId: appId,
        ownerMemberId: "ada",
        fromMs: 0,
        limit: 10,
      })
    ).rows;
    expect(rows.map((r) => r.messageId)).toEqual([first, second, later]);
    expect(rows[0]!.id).toBeLessThan(rows[1]!.id);
    const fromLater = await store.messaging.findLatestEvents({
      applicationId: appId,
      ownerMemberId: "ada",
      fromMs: T0 + 50,
      limit: 10,
    });
    expect(fromLater.rows.map((r) => r.messageId)).toEqual([later]);
    // Bob is regulated by the other application only; ada has nothing there.
    const bobRows = await store.messaging.findLatestEvents({
      applicationId: otherAppId,
      ownerMemberId: "bob",
      fromMs: 0,
      limit: 10,
    });
    expect(bobRows.rows.map((r) => r.ownerMemberId)).toEqual(["bob", "bob", "bob"]);
    expect(
      (
        await store.messaging.findLatestEvents({
          applicationId: otherAppId,
          ownerMemberId: "ada",
          fromMs: 0,
          limit: 10,
        })
      ).rows,
    ).toEqual([]);
  });
});
