import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/sandbox/faults.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("faults and the request journal on $name", (target) => {
  let token: string;
  let memberId: string;
  let applicationId: string;

  const h = useHarness(target);
  beforeAll(async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    applicationId = application.id;
    memberId = member.id;
    token = await insertTestToken(h.services, { applicationId, memberId });
  });
  beforeEach(() => {
    h.services.faults.clear();
    h.services.journal.clear();
  });

  const events = () =>
    h.app.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
      headers: { authorization: `Bearer ${token}`, "linkedin-version": "202310" },
    });
  const addFault = (payload: object) =>
    h.app.inject({ method: "POST", url: "/sandbox/faults", headers: h.admin, payload });

  it("a scheduled 429 answers LinkedIn's throttle body with Retry-After, `times` times, then stops", async () => {
    const created = await addFault({
      match: { method: "GET", path: "/rest/complianceEvents" },
      respond: { status: 429, retryAfter: 2 },
      times: 2,
    });
    expect(created.statusCode).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await events()).statusCode);
    expect(statuses).toEqual([429, 429, 200]);
    h.services.faults.add({
      match: { path: "/rest/*" },
      respond: { status: 429, retryAfter: 7 },
      times: 1,
    });
    const throttled = await events();
    expect(throttled.headers["retry-after"]).toBe("7");
    expect(throttled.json()).toEqual({
      status: 429,
      serviceErrorCode: 101,
      message: "Resource level throttle limit for calls to this resource is reached.",
    });
    expect(
      (await h.app.inject({ method: "GET", url: "/sandbox/faults", headers: h.admin })).json()
        .elements,
    ).toEqual([]);
  });

  it("a 5xx fault answers JSON with that status and applies before authentication", async () => {
    await addFault({
      match: { path: "/rest/complianceEvents" },
      respond: { status: 503 },
      times: 1,
    });
    const res = await h.app.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 503 });
  });

  it("faults never touch the control plane, and a non-matching method passes", async () => {
    await addFault({ match: { method: "POST" }, respond: { status: 500 }, times: 5 });
    expect((await events()).statusCode).toBe(200);
    expect(
      (await h.app.inject({ method: "GET", url: "/sandbox/clock", headers: h.admin })).statusCode,
    ).toBe(200);
  });

  it("a delay fault delays and then serves the call normally", async () => {
    await addFault({
      match: { path: "/rest/complianceEvents" },
      respond: { delayMs: 50 },
      times: 1,
    });
    const res = await events();
    expect(res.statusCode).toBe(200);
    const [entry] = h.services.journal.latest(1);
    expect(entry?.fault).toBe("delay 50ms");
    expect(entry!.durationMs).toBeGreaterThanOrEqual(45);
  });

  it("a probabilistic fault fires on the same calls for the same seed", async () => {
    const run = async () => {
      h.services.faults.clear();
      await addFault({
        match: { path: "/rest/complianceEvents" },
        respond: { status: 500 },
        probability: 0.5,
        seed: 42,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await events()).statusCode);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
    const random = mulberry32(42);
    expect(first.map((s) => s === 500)).toEqual(first.map(() => random() < 0.5));
  });

  it("rejects a fault with both times and probability, or outside /rest and /oauth", async () => {
    expect(
      (await addFault({ match: {}, respond: { status: 500 }, times: 1, probability: 0.5 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await addFault({ match: { path: "/sandbox/clock" }, respond: { status: 500 } })).statusCode,
    ).toBe(400);
    expect(h.services.faults.list()).toEqual([]);
  });

  it("deletes a fault by id, 404 for an unknown one", async () => {
    const { id } = (await addFault({ match: {}, respond: { status: 500 } })).json();
    expect(
      (await h.app.inject({ method: "DELETE", url: `/sandbox/faults/${id}`, headers: h.admin }))
        .statusCode,
    ).toBe(204);
    expect(
      (await h.app.inject({ method: "DELETE", url: `/sandbox/faults/${id}`, headers: h.admin }))
        .statusCode,
    ).toBe(404);
  });

  it("journals /rest calls with application and member, newest first, never the token", async () => {
    await events();
    await h.app.inject({
      method: "GET",
      url: "/rest/nothing",
      headers: { authorization: `Bearer ${token}`, "linkedin-version": "202310" },
    });
    await h.app.inject({ method: "GET", url: "/sandbox/clock", headers: h.admin });
    const res = await h.app.inject({
      method: "GET",
      url: "/sandbox/requests?limit=10",
      headers: h.admin,
    });
    const entries = res.json().elements;
    expect(entries.map((e: { path: string }) => e.path)).toEqual([
      "/rest/nothing",
      "/rest/complianceEvents?q=memberAndApplication",
    ]);
    expect(entries[1]).toMatchObject({
      method: "GET",
      status: 200,
      application: applicationId,
      member: memberId,
    });
    expect(JSON.stringify(entries)).not.toContain(token);
  });
});
