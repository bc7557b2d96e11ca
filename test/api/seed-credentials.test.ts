import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadStartupSeed } from "../../src/cli/serve.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_ADA_TOKEN, DEMO_CLIENT_SECRET, demoSeed } from "../../src/sandbox/demo-seed.js";
import { getEvents } from "../helpers/compliance-client.js";
import { startHarness, useHarness } from "../helpers/harness.js";
import { createTempDir, storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("seeded credentials on $name", (target) => {
  const h = useHarness(target, { seed: demoSeed, perTest: true });

  const reset = () =>
    h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin, payload: {} });
  const introspect = () =>
    h.app.inject({
      method: "POST",
      url: "/oauth/v2/introspectToken",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        client_id: "regulademo0001",
        client_secret: DEMO_CLIENT_SECRET,
        token: DEMO_ADA_TOKEN,
      }).toString(),
    });

  it("the demo secret and Ada's token work after every reset, and are stored hashed", async () => {
    for (let round = 0; round < 2; round++) {
      const res = await reset();
      expect(res.statusCode).toBe(200);
      // A secret the seed fixed is not "shown once": it is documented, not news.
      expect(res.json().seeded.applications[0].clientSecret).toBeNull();
      const introspection = await introspect();
      expect(introspection.statusCode, introspection.body).toBe(200);
      expect(introspection.json().active).toBe(true);
      const events = await getEvents(h.app, DEMO_ADA_TOKEN);
      expect(events.statusCode, events.body).toBe(200);
      expect(events.json().elements.length).toBeGreaterThan(0);
    }
    const exported = (
      await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin })
    ).body;
    expect(exported).not.toContain(DEMO_CLIENT_SECRET);
    expect(exported).not.toContain(DEMO_ADA_TOKEN);
  });

  it("REGULA_SEED accepts an export (redirect URIs and all) and it starts the same world", async () => {
    await reset();
    const exported = await h.app.inject({
      method: "GET",
      url: "/sandbox/export",
      headers: h.admin,
    });
    const temp = createTempDir();
    try {
      const file = path.join(temp.dir, "world.json");
      fs.writeFileSync(file, exported.body);
      const seed = loadStartupSeed(loadConfig({ REGULA_DATA_DIR: temp.dir, REGULA_SEED: file }));
      const fresh = await startHarness(target, { seed });
      try {
        await fresh.app.inject({
          method: "POST",
          url: "/sandbox/reset",
          headers: fresh.admin,
        });
        const again = await fresh.app.inject({
          method: "GET",
          url: "/sandbox/export",
          headers: fresh.admin,
        });
        expect(again.json()).toEqual(exported.json());
        expect((await getEvents(fresh.app, DEMO_ADA_TOKEN)).statusCode).toBe(200);
      } finally {
        await fresh.close();
      }
      fs.writeFileSync(file, JSON.stringify({ members: [{ firstName: "x", nickname: "y" }] }));
      expect(() =>
        loadStartupSeed(loadConfig({ REGULA_DATA_DIR: temp.dir, REGULA_SEED: file })),
      ).toThrow(/REGULA_SEED .*not a seed document: \/members\/0/);
    } finally {
      temp.remove();
    }
  });
});
