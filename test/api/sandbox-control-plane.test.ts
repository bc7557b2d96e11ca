import { beforeEach, describe, expect, it } from "vitest";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/** Every control-plane route, with a body that would be valid, to prove the key is checked first. */
const controlPlaneCalls: Array<{
  method: "GET" | "POST" | "DELETE";
  url: string;
  payload?: object;
}> = [
  { method: "POST", url: "/sandbox/applications", payload: { name: "x", redirectUris: [] } },
  { method: "GET", url: "/sandbox/applications" },
  { method: "GET", url: "/sandbox/applications/100001" },
  { method: "DELETE", url: "/sandbox/applications/100001" },
  { method: "POST", url: "/sandbox/applications/100001/secret" },
  { method: "POST", url: "/sandbox/members", payload: { firstName: "x" } },
  { method: "GET", url: "/sandbox/members" },
  { method: "GET", url: "/sandbox/members/ada-lovelace" },
  { method: "GET", url: "/sandbox/clock" },
  { method: "POST", url: "/sandbox/clock", payload: { advanceMs: 1 } },
  { method: "POST", url: "/sandbox/reset", payload: {} },
  { method: "GET", url: "/sandbox/export" },
];

describe.each(storeTargets)("control plane on $name", (target) => {
  const h = useHarness(target, { seed: demoSeed, perTest: true });
  beforeEach(async () => {
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin, payload: {} });
  });

  it.each(controlPlaneCalls)(
    "$method $url without the admin key → 401 JSON and nothing changes",
    async (call) => {
      const before = await h.app.inject({
        method: "GET",
        url: "/sandbox/export",
        headers: h.admin,
      });
      for (const authorization of [undefined, "Bearer wrong-key", "Basic abc", "Bearer "]) {
        const res = await h.app.inject({
          method: call.method,
          url: call.url,
          headers: authorization ? { authorization } : {},
          ...(call.payload ? { payload: call.payload } : {}),
        });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ status: 401, code: "ADMIN_KEY_REQUIRED" });
      }
      const after = await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin });
      expect(after.json()).toEqual(before.json());
    },
  );

  it("creates an application, shows the secret once and stores only its hash", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/applications",
      headers: h.admin,
      payload: { name: "Acme Archiver", redirectUris: ["http://localhost:3000/callback"] },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: "Acme Archiver",
      urn: `urn:li:developerApplication:${created.id}`,
      permissions: ["r_compliance_sales_nav"],
      refreshTokens: false,
      redirectUris: ["http://localhost:3000/callback"],
    });
    expect(created.clientSecret.length).toBeGreaterThanOrEqual(32);
    const fetched = await h.app.inject({
      method: "GET",
      url: `/sandbox/applications/${created.id}`,
      headers: h.admin,
    });
    expect(fetched.json()).not.toHaveProperty("clientSecret");
    const stored = await h.services.store.applications.findById(created.id);
    expect(stored?.clientSecretHash).not.toContain(created.clientSecret);
    expect(JSON.stringify(await h.services.store.applications.list())).not.toContain(
      created.clientSecret,
    );
  });

  it("rotates a secret and deletes an application", async () => {
    const rotated = await h.app.inject({
      method: "POST",
      url: "/sandbox/applications/100001/secret",
      headers: h.admin,
    });
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json().clientSecret).toBeTruthy();
    expect(
      (
        await h.app.inject({
          method: "DELETE",
          url: "/sandbox/applications/100001",
          headers: h.admin,
        })
      ).statusCode,
    ).toBe(204);
    const gone = await h.app.inject({
      method: "GET",
      url: "/sandbox/applications/100001",
      headers: h.admin,
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("creates members with and without a seat and shows their authorization history", async () => {
    const withSeat = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: h.admin,
      payload: { firstName: "Ada", lastName: "L" },
    });
    expect(withSeat.statusCode).toBe(201);
    expect(withSeat.json().salesIdentity).toMatch(/^urn:li:salesIdentity:\d+$/);
    expect(withSeat.json().urn).toBe(`urn:li:person:${withSeat.json().id}`);
    const noSeat = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: h.admin,
      payload: { firstName: "B", salesNavigator: false },
    });
    expect(noSeat.json()).not.toHaveProperty("salesIdentity");
    const ada = await h.app.inject({
      method: "GET",
      url: "/sandbox/members/ada-lovelace",
      headers: h.admin,
    });
    expect(ada.json().authorizations).toEqual([
      expect.objectContaining({
        application: "100001",
        optInCause: "ADMIN",
        optedOutAt: null,
        active: true,
      }),
    ]);
    const dup = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: h.admin,
      payload: { id: "ada-lovelace", firstName: "A" },
    });
    expect(dup.statusCode).toBe(409);
  });

  it("freezes, advances and sets the clock, and refuses to move it backwards", async () => {
    const frozen = await h.app.inject({
      method: "POST",
      url: "/sandbox/clock",
      headers: h.admin,
      payload: { freeze: true },
    });
    expect(frozen.json().mode).toBe("frozen");
    const t0 = frozen.json().now;
    const advanced = await h.app.inject({
      method: "POST",
      url: "/sandbox/clock",
      headers: h.admin,
      payload: { advanceMs: 86_400_000 },
    });
    expect(advanced.json()).toEqual({ now: t0 + 86_400_000, mode: "frozen" });
    const negative = await h.app.inject({
      method: "POST",
      url: "/sandbox/clock",
      headers: h.admin,
      payload: { advanceMs: -5 },
    });
    expect(negative.statusCode).toBe(400);
    const set = await h.app.inject({
      method: "POST",
      url: "/sandbox/clock",
      headers: h.admin,
      payload: { setTo: 1_900_000_000_000 },
    });
    expect(set.json()).toEqual({ now: 1_900_000_000_000, mode: "frozen" });
    const thawed = await h.app.inject({
      method: "POST",
      url: "/sandbox/clock",
      headers: h.admin,
      payload: { freeze: false },
    });
    expect(thawed.json().mode).toBe("offset");
    expect(thawed.json().now).toBeGreaterThanOrEqual(1_900_000_000_000);
    expect((await h.services.store.settings.readClock()).mode).toBe("offset");
  });

  it("setTo moves backwards only while the world holds no messages", async () => {
    const clock = (payload: object) =>
      h.app.inject({ method: "POST", url: "/sandbox/clock", headers: h.admin, payload });
    await clock({ freeze: true });
    const now = (
      await h.app.inject({ method: "GET", url: "/sandbox/clock", headers: h.admin })
    ).json().now;
    // The demo seed sent messages: the past is fixed.
    const refused = await clock({ setTo: now - 86_400_000 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(
      (await h.app.inject({ method: "GET", url: "/sandbox/clock", headers: h.admin })).json().now,
    ).toBe(now);
    const empty = { applications: [], members: [], authorizations: [], messages: [] };
    await h.app.inject({
      method: "POST",
      url: "/sandbox/reset",
      headers: h.admin,
      payload: { seed: empty },
    });
    const allowed = await clock({ setTo: 1_600_000_000_000 });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().now).toBeGreaterThanOrEqual(1_600_000_000_000);
    expect(allowed.json().now).toBeLessThan(now);
  });

  it("export then reset with that seed reproduces the world", async () => {
    await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: h.admin,
      payload: { id: "extra-1", firstName: "Extra" },
    });
    const exported = (
      await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin })
    ).json();
    const wipe = await h.app.inject({
      method: "POST",
      url: "/sandbox/reset",
      headers: h.admin,
      payload: { seed: { applications: [], members: [], authorizations: [], messages: [] } },
    });
    expect(wipe.statusCode).toBe(200);
    expect((await h.services.store.members.list()).length).toBe(0);
    const restored = await h.app.inject({
      method: "POST",
      url: "/sandbox/reset",
      headers: h.admin,
      payload: { seed: exported },
    });
    expect(restored.statusCode).toBe(200);
    const again = (
      await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin })
    ).json();
    expect(again).toEqual(exported);
  });

  it("reset without a body re-applies the start-up seed", async () => {
    await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: h.admin,
      payload: { id: "extra-2", firstName: "Extra" },
    });
    const res = await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin });
    expect(res.statusCode).toBe(200);
    const ids = (await h.services.store.members.list()).map((m) => m.id).sort();
    expect(ids).toEqual(demoSeed.members.map((m) => m.id!).sort());
  });

  it("rejects an invalid seed before touching the world", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/reset",
      headers: h.admin,
      payload: { seed: { applications: [{ nope: 1 }] } },
    });
    expect(res.statusCode).toBe(400);
    expect((await h.services.store.members.list()).length).toBe(demoSeed.members.length);
  });

  it("rejects a seed whose authorization names an unknown member, before touching the world", async () => {
    const seed = {
      applications: [{ id: "555555", name: "A", redirectUris: [] }],
      members: [{ id: "m-1", firstName: "M" }],
      authorizations: [{ application: "555555", member: "nobody" }],
    };
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/reset",
      headers: h.admin,
      payload: { seed },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("nobody");
    expect((await h.services.store.members.list()).length).toBe(demoSeed.members.length);
  });

  it("never writes the admin key or a client secret to the log", async () => {
    const created = await h.app.inject({
      method: "POST",
      url: "/sandbox/applications",
      headers: h.admin,
      payload: { name: "Log Check", redirectUris: [] },
    });
    const secret = created.json().clientSecret as string;
    const all = h.logs.join("\n");
    expect(h.logs.length).toBeGreaterThan(0);
    expect(all).not.toContain(h.admin.authorization.slice("Bearer ".length));
    expect(all).not.toContain(secret);
  });
});
