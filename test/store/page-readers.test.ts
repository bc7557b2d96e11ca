import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import { createPageReaders } from "../../src/store/kysely/page-readers.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { personUrn, threadUrn } from "../../src/urn.js";
import { createTempDir } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

// Event pages read by worker threads (src/store/kysely/page-readers.ts) on SQLite file
// databases. PostgreSQL has no page workers: its reads are network I/O already.
const T0 = 1_800_000_000_000;

describe("store: event pages read by worker threads (sqlite)", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(dataDir: string, sqlitePageWorkers: number): Promise<Store> {
    const store = await openStore({ dataDir, sqlitePageWorkers });
    cleanups.push(() => store.close());
    return store;
  }

  const page = (store: Store, appId: string, start = 0) =>
    store.messaging.findEvents({
      applicationId: appId,
      ownerMemberId: "ada",
      fromMs: 0,
      toMs: null,
      offset: start,
      limit: 10,
    });

  it("serve the pages the main thread serves, and every capture acknowledged before", async () => {
    const temp = createTempDir();
    cleanups.push(() => temp.remove());
    const store = await open(temp.dir, 2);
    const appId = await insertStoreWorld(store, { members: ["ada", "bob"], at: T0 });
    await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: T0 });
    await store.authorizations.optIn(appId, "ada", "ADMIN");
    const [first] = await sendMessages(
      [{ from: personUrn("ada"), to: [personUrn("bob")], text: "hello" }],
      { store },
    );
    const thread = threadUrn(first!.message.threadId);
    for (let i = 0; i < 14; i += 1) {
      await sendMessages([{ from: personUrn("bob"), thread, text: `reply ${i} "é" 😀` }], {
        store,
      });
      // Read right after each acknowledgement, by whichever worker has less in hand.
      const { rows } = await page(store, appId, i + 1);
      expect(rows.map((r) => r.activityJson.includes(`reply ${i} `))).toEqual([true]);
    }

    const onWorkers = await Promise.all([0, 10].map((start) => page(store, appId, start)));
    const mainThread = await open(temp.dir, 0);
    const onMain = await Promise.all([0, 10].map((start) => page(mainThread, appId, start)));
    expect(onWorkers).toEqual(onMain);
    expect(onWorkers.flatMap((p) => p.rows)).toHaveLength(15);
    expect(onWorkers[1]!.rows[0]!.siblingsJson.startsWith("[{")).toBe(true);
  });

  it("refuse each page with the reason when the database cannot be read", async () => {
    const temp = createTempDir();
    cleanups.push(() => temp.remove());
    const readers = createPageReaders({
      file: path.join(temp.dir, "missing.sqlite"),
      mmapBytes: 0,
      workers: 1,
    });
    cleanups.push(() => readers.close());
    const query = {
      applicationId: "1",
      ownerMemberId: "ada",
      fromMs: 0,
      toMs: null,
      order: "oldest-first" as const,
      offset: 0,
      limit: 10,
    };
    await expect(readers.eventPage(query)).rejects.toThrow(/unable to open database/i);
    await expect(readers.eventPage(query)).rejects.toThrow(/unable to open database/i);
    await readers.close();
    await expect(readers.eventPage(query)).rejects.toThrow(/closed/);
  });
});
