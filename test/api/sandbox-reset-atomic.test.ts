import { beforeEach, describe, expect, it } from "vitest";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/** Issue 9 item 1: a reset that fails must leave the old world exactly as it was. */
describe.each(storeTargets)("a failed reset changes nothing on $name", (target) => {
  let token: string;
  const h = useHarness(target, { seed: demoSeed, perTest: true });
  beforeEach(async () => {
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin, payload: {} });
    await h.services.clock.freeze(true);
    await h.services.clock.advance(3_600_000);
    token = await insertTestToken(h.services, { applicationId: "100001", memberId: null });
  });

  const exportWorld = async () =>
    (await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin })).body;

  it("a seed with a duplicate member id answers 409 and keeps world, tokens and clock", async () => {
    const before = await exportWorld();
    const clockBefore = h.services.clock.current();
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/reset",
      headers: h.admin,
      payload: {
        seed: {
          members: [
            { id: "a", firstName: "x", lastName: "y" },
            { id: "a", firstName: "x", lastName: "y" },
          ],
        },
      },
    });
    expect(res.statusCode).toBe(409);
    expect(await exportWorld()).toBe(before);
    expect(h.services.clock.current()).toEqual(clockBefore);
    await h.services.clock.load();
    expect(h.services.clock.current()).toEqual(clockBefore);
    const apps = await h.app.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication&member=urn%3Ali%3Aperson%3Aada-lovelace",
      headers: { authorization: `Bearer ${token}`, "linkedin-version": "202311" },
    });
    expect(apps.statusCode).not.toBe(401);
  });
});
