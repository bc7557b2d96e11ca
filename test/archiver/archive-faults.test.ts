import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendMessage } from "../helpers/compliance-client.js";
import { useHarness } from "../helpers/harness.js";
import { postOAuthForm } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";
import {
  type ArchiverWorld,
  createArchiverWorld,
  EVENTS_PATH,
  faultyFetch,
  INTROSPECT_PATH,
  idsOf,
  jsonResponse,
  type TestMember,
} from "./archiver-world.js";

const sqlite = storeTargets.filter((t) => t.name === "sqlite");
const THROTTLED = {
  status: 429,
  serviceErrorCode: 101,
  message: "Resource level throttle limit for calls to this resource is reached.",
};
const networkError = () => {
  throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
};

describe.each(sqlite)("archive run under failures on $name", (target) => {
  let world: ArchiverWorld;
  let ada: TestMember;
  let bob: TestMember;

  const h = useHarness(target, { listen: true });
  beforeEach(async () => {
    h.services.faults.clear();
    world = await createArchiverWorld(h, { pageSize: 2 });
    ada = await world.addMember();
    bob = await world.addMember();
    for (let i = 0; i < 5; i++) {
      await sendMessage(h.app, { from: ada.urn, to: [bob.urn], text: `hello ${i}` });
      await h.services.clock.advance(10);
    }
  });
  afterEach(() => world.dispose());

  const expectComplete = async (...members: TestMember[]) => {
    for (const member of members) {
      expect(idsOf(await world.archivedEvents(member))).toEqual(
        idsOf(await world.apiEvents(member)),
      );
    }
  };

  it("waits out a 429's Retry-After and then archives everything once", async () => {
    const fetch = faultyFetch([
      {
        path: EVENTS_PATH,
        times: 2,
        respond: () => jsonResponse(429, THROTTLED, { "Retry-After": "7" }),
      },
    ]);
    const report = await world.run({ fetch });
    expect(report.outcomes.map((o) => o.status)).toEqual(["archived", "archived"]);
    expect(world.sleeps).toEqual([7000, 7000]);
    await expectComplete(ada, bob);
  });

  it("backs off exponentially with jitter on 500s and network errors", async () => {
    const fetch = faultyFetch([
      {
        path: EVENTS_PATH,
        times: 2,
        respond: () => jsonResponse(500, { status: 500, message: "boom" }),
      },
      { path: INTROSPECT_PATH, times: 1, respond: networkError },
    ]);
    const report = await world.run({ fetch, random: () => 0.5 });
    expect(report.outcomes.map((o) => o.status)).toEqual(["archived", "archived"]);
    // Full jitter with random() = 0.5: half of 1s, then half of 2s for the second retry.
    expect(world.sleeps).toEqual([500, 500, 1000]);
    const retries = world.events.filter((e) => e.type === "retry");
    expect(retries.map((e) => e.type === "retry" && e.reason)).toEqual([
      "network error: ECONNRESET",
      "HTTP 500",
      "HTTP 500",
    ]);
    await expectComplete(ada, bob);
  });

  it("gives up on a member after the bounded retries, goes on with the next, and catches up on the next run", async () => {
    const fetch = faultyFetch([
      { path: EVENTS_PATH, times: 6, respond: () => jsonResponse(503, {}) },
    ]);
    const report = await world.run({ fetch });
    expect(report.outcomes.map((o) => [o.status, o.detail])).toEqual([
      ["failed", "gave up after 6 attempts (last: HTTP 503)"],
      ["archived", undefined],
    ]);
    expect(world.sleeps).toHaveLength(5);
    expect(await world.archivedEvents(ada)).toEqual([]);
    await world.run();
    await expectComplete(ada, bob);
  });

  it("does not block the run on a Retry-After longer than it will wait", async () => {
    const fetch = faultyFetch([
      {
        path: EVENTS_PATH,
        times: 1,
        respond: () => jsonResponse(429, THROTTLED, { "Retry-After": "86400" }),
      },
    ]);
    const report = await world.run({ fetch });
    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      detail: expect.stringContaining("86400s"),
    });
    expect(report.outcomes[1]?.status).toBe("archived");
    expect(world.sleeps).toEqual([]);
  });

  it("honours the sandbox's own fault injection (POST /sandbox/faults)", async () => {
    const addFault = (payload: object) =>
      h.app.inject({ method: "POST", url: "/sandbox/faults", headers: h.admin, payload });
    const match = { method: "GET", path: EVENTS_PATH };
    expect(
      (await addFault({ match, respond: { status: 429, retryAfter: 2 }, times: 2 })).statusCode,
    ).toBe(201);
    expect((await addFault({ match, respond: { status: 500 }, times: 1 })).statusCode).toBe(201);
    const report = await world.run();
    expect(report.outcomes.map((o) => o.status)).toEqual(["archived", "archived"]);
    // Retry-After twice, then backoff for the third attempt: half (jitter 0.5) of 1s·2².
    expect(world.sleeps).toEqual([2000, 2000, 2000]);
    await expectComplete(ada, bob);
  });

  it("reports a revoked token as needing re-authorization and archives the other members", async () => {
    const revoked = await postOAuthForm(h, "revoke", {
      client_id: world.config.clientId,
      client_secret: world.config.clientSecret,
      token: ada.token,
    });
    expect(revoked.statusCode).toBe(200);
    const report = await world.run();
    expect(report.outcomes[0]).toMatchObject({
      member: ada.urn,
      status: "needs-reauthorization",
      detail: expect.stringContaining("revoked"),
    });
    expect(report.outcomes[1]?.status).toBe("archived");
    await expectComplete(bob);
  });

  it("treats a 401 from the events API as needing re-authorization when introspection is unavailable", async () => {
    await world.addMember({ lifetimeMs: 60_000 });
    await h.services.clock.advance(120_000);
    const fetch = faultyFetch([
      {
        path: INTROSPECT_PATH,
        times: 3,
        respond: () => jsonResponse(401, { error: "invalid_client_id" }),
      },
    ]);
    const report = await world.run({ fetch });
    expect(report.outcomes.map((o) => o.status)).toEqual([
      "archived",
      "archived",
      "needs-reauthorization",
    ]);
    expect(report.outcomes[2]?.detail).toContain("EXPIRED_ACCESS_TOKEN");
    const notices = world.events.filter((e) => e.type === "notice");
    expect(notices).toHaveLength(1); // said once per pass, not once per member
    expect(notices[0]).toMatchObject({
      message: expect.stringContaining("check clientId and clientSecret"),
    });
  });

  it("warns about a token that expires within the warning period", async () => {
    await world.addMember({ lifetimeMs: 10 * 86_400_000 });
    await world.run();
    const notices = world.events.filter((e) => e.type === "notice");
    expect(notices).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/token expires .* \(in 9 days\)/) }),
    ]);
  });

  it("stops instead of looping on a server that ignores start", async () => {
    const stuck = [1, 2].map((id) => ({ id, owner: ada.urn, processedAt: 1_000 }));
    const fetch = faultyFetch([
      {
        path: EVENTS_PATH,
        times: 10,
        respond: () => jsonResponse(200, { elements: stuck, paging: {} }),
      },
    ]);
    const report = await world.run({ fetch });
    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      pages: 2,
      detail: expect.stringContaining("ignored start"),
    });
    expect(idsOf(await world.archivedEvents(ada))).toEqual([1, 2]);
  });

  it("refuses to archive events of a member other than the one the members file names", async () => {
    await world.writeMembers([
      { member: bob.urn, accessToken: ada.token },
      { member: ada.urn, accessToken: ada.token },
    ]);
    const report = await world.run();
    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      detail: expect.stringContaining(ada.urn),
    });
    expect(await world.archivedEvents(bob)).toEqual([]);
    await expectComplete(ada);
  });
});
