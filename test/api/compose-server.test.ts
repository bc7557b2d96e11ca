import { describe, expect, it } from "vitest";
import { type ComposeOptions, composeServer } from "../../src/compose-server.js";
import { loadConfig } from "../../src/config.js";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { hashSecret } from "../../src/secrets.js";
import type { Store } from "../../src/store/store.js";
import { type StoreTarget, storeTargets } from "../helpers/store-targets.js";

const FROZEN_AT_MS = Date.UTC(2026, 2, 1, 12);

/** composeServer over a fresh store of `target` that the test owns; disposed afterwards. */
async function withComposed(
  target: StoreTarget,
  options: Omit<ComposeOptions, "store" | "startupSeed">,
  test: (server: Awaited<ReturnType<typeof composeServer>>, store: Store) => Promise<void>,
): Promise<void> {
  const created = await target.create();
  try {
    const config = loadConfig({ REGULA_DATA_DIR: created.location.dataDir, LOG_LEVEL: "silent" });
    const server = await composeServer(config, {
      store: created.store,
      startupSeed: demoSeed,
      schedules: false,
      ...options,
    });
    try {
      await test(server, created.store);
    } finally {
      await server.close();
    }
  } finally {
    await created.dispose();
  }
}

describe.each(storeTargets)("composeServer's options for embedding code on $name", (target) => {
  it("uses the caller's store, admin key and frozen time, and seeds nothing", async () => {
    await withComposed(
      target,
      { adminKeyHash: hashSecret("caller-key"), seedEmptyStore: false, frozenAt: FROZEN_AT_MS },
      async (server) => {
        expect(server.seeded).toBeNull();
        expect(server.adminKey.origin).toBe("caller");
        expect(server.services.clock.current()).toEqual({ now: FROZEN_AT_MS, mode: "frozen" });
        const res = await server.app.inject({
          method: "GET",
          url: "/sandbox/members",
          headers: { authorization: "Bearer caller-key" },
        });
        expect(res.statusCode).toBe(200);
        expect(JSON.parse(res.body).elements).toEqual([]);
      },
    );
  });

  it("leaves the caller's store open after close()", async () => {
    const created = await target.create();
    try {
      const config = loadConfig({ REGULA_DATA_DIR: created.location.dataDir, LOG_LEVEL: "silent" });
      const server = await composeServer(config, {
        store: created.store,
        adminKeyHash: hashSecret("k"),
        startupSeed: null,
        schedules: false,
      });
      await server.close();
      expect(await created.store.members.list()).toEqual([]);
    } finally {
      await created.dispose();
    }
  });

  it("seeds an empty store with the start-up seed by default", async () => {
    await withComposed(target, { adminKeyHash: hashSecret("k") }, async (server, store) => {
      expect(server.seeded).not.toBeNull();
      expect((await store.members.list()).length).toBeGreaterThan(0);
    });
  });
});
