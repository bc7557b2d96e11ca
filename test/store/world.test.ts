import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planCapture } from "../../src/domain/capture/plan-capture.js";
import {
  buildActivity,
  buildProcessedActivity,
} from "../../src/domain/messaging/activity-document.js";
import type { MessageDraft } from "../../src/domain/messaging/records.js";
import type { Store } from "../../src/store/store.js";
import { storeTargets } from "../helpers/store-targets.js";

/** The domain's capture plan with the real documents, as `sendMessages` passes it. */
const captureWith =
  (drafts: readonly MessageDraft[]): Parameters<Store["messaging"]["storeMessages"]>[1] =>
  (snapshot) =>
    planCapture(drafts, snapshot, (message, thread, profiles) => ({
      activity: buildActivity(message),
      processedActivity: buildProcessedActivity(message, thread, profiles),
    }));

function draft(n: number, from: string, to: string): MessageDraft {
  return {
    id: `msg-${n}`,
    activityId: `act-${n}`,
    senderMemberId: from,
    authorIdentity: `urn:li:person:${from}`,
    mailbox: "PERSONAL",
    inMail: false,
    subject: null,
    text: `hello ${n}`,
    attachments: [],
    thread: {
      kind: "new",
      id: `thread-${n}`,
      participants: [
        { memberId: from, identity: `urn:li:person:${from}` },
        { memberId: to, identity: `urn:li:person:${to}` },
      ],
    },
  };
}

/** Everything the world holds, read through the port (a stand-in for the export). */
async function dump(store: Store): Promise<string> {
  const pages = async <T>(iterable: AsyncIterable<T[]>) => {
    const all: T[] = [];
    for await (const page of iterable) all.push(...page);
    return all;
  };
  return JSON.stringify({
    applications: await store.applications.list(),
    members: await store.members.list(),
    authorizations: await store.authorizations.list(),
    tokens: await store.tokens.list(),
    threads: await pages(store.world.readThreads()),
    messages: await pages(store.world.readMessages()),
    events: await pages(store.world.readEvents()),
    watermarks: await store.world.readWatermarks(),
    counters: await store.world.readCounters(),
    clock: await store.settings.readClock(),
  });
}

describe.each(storeTargets)("world operations on $name", (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const created = await target.create();
    store = created.store;
    dispose = created.dispose;
    await store.applications.insert({
      id: "200100",
      name: "A",
      clientId: "clientaaaa",
      clientSecretHash: "b".repeat(64),
      redirectUris: [],
      permissions: ["r_compliance_sales_nav"],
      refreshTokens: false,
      clientCredentials: true,
      createdAt: 1,
    });
    for (const id of ["m1", "m2"])
      await store.members.insert({
        id,
        firstName: id,
        lastName: "",
        salesIdentityId: null,
        createdAt: 1,
      });
    await store.authorizations.optIn("200100", "m1", "ADMIN");
    await store.messaging.storeMessages(
      [draft(1, "m1", "m2")],
      captureWith([draft(1, "m1", "m2")]),
    );
    await store.settings.writeClock({ mode: "frozen", offsetMs: 5, frozenAtMs: 1_800_000_000_000 });
    await store.settings.set("keep:admin", "kept");
  });
  afterEach(async () => dispose());

  it("replace commits a new world and keeps only `keep:` settings", async () => {
    await store.world.replace(async (world) => {
      await world.members.insert({
        id: "new",
        firstName: "N",
        lastName: "",
        salesIdentityId: null,
        createdAt: 2,
      });
    });
    expect((await store.members.list()).map((m) => m.id)).toEqual(["new"]);
    expect(await store.messaging.countMessages()).toBe(0);
    expect((await store.settings.readClock()).mode).toBe("system");
    expect(await store.settings.get("keep:admin")).toBe("kept");
  });

  it("replace that throws after writing, capturing and moving counters changes nothing", async () => {
    const before = await dump(store);
    await expect(
      store.world.replace(async (world) => {
        await world.members.insert({
          id: "m1",
          firstName: "again",
          lastName: "",
          salesIdentityId: null,
          createdAt: 3,
        });
        await world.members.insert({
          id: "m2",
          firstName: "again",
          lastName: "",
          salesIdentityId: null,
          createdAt: 3,
        });
        await world.authorizations.optIn("200100", "m1", "ADMIN");
        await world.messaging.storeMessages(
          [draft(2, "m1", "m2")],
          captureWith([draft(2, "m1", "m2")]),
        );
        await world.world.writeCounters({ eventIds: 9000, messageSeq: 9000, applications: 900 });
        throw new Error("late failure");
      }),
    ).rejects.toThrow("late failure");
    expect(await dump(store)).toBe(before);
  });

  it("world operations refuse to nest inside a replacement", async () => {
    await expect(
      store.world.replace(async (world) => world.world.replace(async () => {})),
    ).rejects.toThrow(/nest/);
  });

  it("history and counters written verbatim read back the same", async () => {
    const before = await dump(store);
    const pages = async <T>(iterable: AsyncIterable<T[]>) => {
      const all: T[] = [];
      for await (const page of iterable) all.push(...page);
      return all;
    };
    const history = {
      threads: await pages(store.world.readThreads()),
      messages: await pages(store.world.readMessages()),
      events: await pages(store.world.readEvents()),
      watermarks: await store.world.readWatermarks(),
    };
    const counters = await store.world.readCounters();
    const applications = await store.applications.list();
    const members = await store.members.list();
    const authorizations = await store.authorizations.list();
    const tokens = await store.tokens.list();
    const clock = await store.settings.readClock();
    expect(history.events.length).toBe(1);
    await store.world.replace(async (world) => {
      await world.settings.writeClock(clock);
      for (const a of applications) await world.applications.insert(a);
      for (const m of members) await world.members.insert(m);
      for (const a of authorizations) await world.world.insertAuthorization(a);
      for (const t of tokens) await world.tokens.insert(t);
      await world.world.insertHistory(history);
      await world.world.writeCounters(counters);
    });
    expect(await dump(store)).toBe(before);
  });

  it("a snapshot survives a replacement and restores the world exactly", async () => {
    const before = await dump(store);
    const info = await store.world.snapshots.create("s1", 42);
    expect(info).toEqual({ name: "s1", createdAt: 42, messages: 1, events: 1 });
    await store.messaging.storeMessages(
      [draft(3, "m1", "m2")],
      captureWith([draft(3, "m1", "m2")]),
    );
    await store.world.replace(async () => {});
    expect(await store.world.snapshots.list()).toEqual([info]);
    expect(await store.world.snapshots.restore("s1")).toEqual(info);
    expect(await dump(store)).toBe(before);
    expect(await store.settings.get("keep:admin")).toBe("kept");
    expect(await store.world.snapshots.restore("nope")).toBeNull();
    expect(await store.world.snapshots.delete("s1")).toBe(true);
    expect(await store.world.snapshots.delete("s1")).toBe(false);
    expect(await store.world.snapshots.list()).toEqual([]);
  });

  it("a duplicate snapshot name is a CONFLICT", async () => {
    await store.world.snapshots.create("dup", 1);
    await expect(store.world.snapshots.create("dup", 2)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await store.world.snapshots.list()).length).toBe(1);
  });
});
