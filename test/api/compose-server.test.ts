import { describe, expect, it } from "vitest";
import { composeServer } from "../../src/compose-server.js";
import { loadConfig } from "../../src/config.js";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { hashSecret } from "../../src/secrets.js";
import { storeTargets } from "../helpers/store-targets.js";

const FROZEN_AT_MS = Date.UTC(2026, 2, 1, 12);

describe.each(storeTargets)("composeServer's options for embedding code on $name", (target) => {
  it("uses the caller's store, key and frozen time, seeds nothing, and leaves the store open", async () => {
    const created = await target.create();
    try {
      const server = await composeServer(
        loadConfig({ REGULA_DATA_DIR: created.location.dataDir, LOG_LEVEL: "silent" }),
        {
          store: created.store,
          adminKeyHash: hashSecret("caller-key"),
          startupSeed: demoSeed,
          seedEmptyStore: false,
          schedules: false,
          frozenAt: FROZEN_AT_MS,
        },
      );
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
      await server.close();
      // Still the caller's to use and to close.
      expect(await created.store.members.list()).toEqual([]);
    } finally {
      await created.dispose();
    }
  });

  it("seeds an empty store with the start-up seed by default", async () => {
    const created = await target.create();
    try {
      const server = await composeServer(
        loadConfig({ REGULA_DATA_DIR: created.location.dataDir, LOG_LEVEL: "silent" }),
        {
          store: created.store,
          adminKeyHash: hashSecret("k"),
          startupSeed: demoSeed,
          schedules: false,
        },
      );
      expect(server.seeded).not.toBeNull();
      expect((await created.store.members.list()).length).toBeGreaterThan(0);
      await server.close();
    } finally {
      await created.dispose();
    }
  });
});
