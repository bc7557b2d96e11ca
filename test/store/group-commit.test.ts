import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import type { Store } from "../../src/store/store.js";
import { personUrn, threadUrn } from "../../src/urn.js";
import { storeTargets } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

const T0 = Date.now() - 60_000;

// Concurrent captures are committed together (kysely/capture-queue.ts). Each request must
// still be all or nothing, see the threads and watermarks of the requests before it, and
// leave a stream whose (processedAt, id) order is the commit order.
describe.each(storeTargets)("store: group commit on $name", (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let appId: string;

  beforeEach(async () => {
    ({ store, dispose } = await target.create());
    appId = await insertStoreWorld(store, { members: ["ada", "bob", "cy"], at: T0 });
    for (const id of ["ada", "bob", "cy"]) await store.authorizations.optIn(appId, id, "ADMIN");
  });
  afterEach(async () => dispose());

  it("stores concurrent requests together, refuses only the bad one, keeps commit order", async () => {
    const [opening] = await sendMessages(
      [{ from: personUrn("ada"), to: [personUrn("bob")], text: "opening" }],
      { store },
    );
    const thread = threadUrn(opening!.message.threadId);
    const requests = Array.from({ length: 12 }, (_, i) =>
      i === 5
        ? [{ from: personUrn("cy"), thread, text: "not a participant" }]
        : [
            { from: personUrn(i % 2 ? "ada" : "bob"), thread, text: `reply ${i}` },
            { from: personUrn("cy"), to: [personUrn("ada")], text: `new ${i}` },
          ],
    );
    const outcomes = await Promise.allSettled(requests.map((r) => sendMessages(r, { store })));
    expect(outcomes.map((o) => o.status)).toEqual(
      requests.map((_, i) => (i === 5 ? "rejected" : "fulfilled")),
    );
    expect(String((outcomes[5] as PromiseRejectedResult).reason)).toContain("not a participant");
    // Nothing of the refused request was stored.
    expect(await store.messaging.countMessages()).toBe(1 + 11 * 2);

    const page = await store.messaging.findEvents({
      applicationId: appId,
      ownerMemberId: "ada",
      fromMs: 0,
      toMs: null,
      offset: 0,
      limit: 100,
    });
    expect(page.rows).toHaveLength(1 + 11 * 2);
    const ids = page.rows.map((r) => r.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // The thread's replies are siblings of each other in commit order, newest first.
    const inThread = page.rows.filter((r) => JSON.parse(r.activityJson).thread === thread);
    expect(inThread).toHaveLength(12);
    for (const [i, row] of inThread.entries()) {
      const siblings = JSON.parse(row.siblingsJson) as Array<{ id: string }>;
      const before = inThread.slice(Math.max(0, i - 10), i).reverse();
      expect(siblings.map((s) => s.id)).toEqual(before.map((r) => r.messageId));
    }
    if (target.name === "sqlite") {
      // Submitted in one turn of the event loop, the eleven accepted requests were one
      // transaction: one reading of the clock.
      const replies = page.rows.slice(1);
      expect(new Set(replies.map((r) => r.capturedAt)).size).toBe(1);
    }
  });
});
