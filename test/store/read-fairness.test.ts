import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { createTempDir } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

// SQLite reads are synchronous: a statement holds the event loop for its whole length. Each
// one must wait for the callbacks already queued (other connections' requests) instead of
// running inside the socket callback that asked for it; see nextTurn in kysely/reader.ts.
// PostgreSQL is not here: its reads are network I/O and never hold the event loop.
const T0 = 1_800_000_000_000;

describe.each([
  { name: "a file database (its own read connection)", inMemory: false },
  { name: "an in-memory database (the shared connection)", inMemory: true },
])("store: a SQLite read waits its turn on $name", ({ inMemory }) => {
  let close: () => Promise<void> = async () => {};
  afterEach(async () => close());

  async function open(): Promise<Store> {
    const temp = createTempDir();
    const store = await openStore({ dataDir: temp.dir, inMemory });
    close = async () => {
      await store.close();
      temp.remove();
    };
    await insertStoreWorld(store, { members: ["ada"], at: T0 });
    return store;
  }

  it("lets work queued before it run first", async () => {
    const store = await open();
    const order: string[] = [];
    setImmediate(() => order.push("queued before the read"));
    const lookup = store.members.findById("ada").then((member) => {
      order.push(`read ${member?.id}`);
    });
    order.push("read asked for");
    await lookup;
    expect(order).toEqual(["read asked for", "queued before the read", "read ada"]);
  });

  it("serves reads asked for together in the order they were asked", async () => {
    const store = await open();
    const answered: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) => store.members.findById("ada").then(() => answered.push(i))),
    );
    expect(answered).toEqual([0, 1, 2, 3]);
  });
});
