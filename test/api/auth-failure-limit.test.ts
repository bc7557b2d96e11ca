import { afterEach, describe, expect, it } from "vitest";
import { createTestApplication, insertTestToken } from "../helpers/factories.js";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { formBody } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

// The limiter counts in memory, per process; it touches no store, so one store suffices.
const target = storeTargets[0]!;
const LIMIT = 30;
const WINDOW_MS = 60_000;

/** A clock the test moves: the limiter's window passes without sleeping. */
function manualClock(startMs = 1_000_000) {
  let nowMs = startMs;
  return { nowMs: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

describe("failed authentications are limited per client id and per address", () => {
  let h: Harness;
  let clock: ReturnType<typeof manualClock>;

  async function start(env: Record<string, string> = {}) {
    clock = manualClock();
    h = await startHarness(target, { authFailureClock: clock, env });
  }
  afterEach(async () => h?.close());

  const oauth = (endpoint: string, fields: Record<string, string>, remoteAddress = "10.0.0.1") =>
    h.app.inject({
      method: "POST",
      url: `/oauth/v2/${endpoint}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formBody(fields),
      remoteAddress,
    });

  const admin = (key: string, remoteAddress = "10.0.0.1") =>
    h.app.inject({
      method: "GET",
      url: "/sandbox/clock",
      headers: { authorization: `Bearer ${key}` },
      remoteAddress,
    });

  /** Sends `count` requests one after another; returns the statuses in order. */
  async function statuses(count: number, send: (i: number) => Promise<{ statusCode: number }>) {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) seen.push((await send(i)).statusCode);
    return seen;
  }

  function expectThrottled(res: Awaited<ReturnType<typeof admin>>) {
    expect(res.statusCode).toBe(429);
    expect(res.headers["x-restli-error-response"]).toBe("true");
    expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(res.json()).toMatchObject({
      status: 429,
      serviceErrorCode: 101,
      code: "TOO_MANY_AUTH_FAILURES",
    });
    expect(typeof res.json().message).toBe("string");
  }

  it("answers 429 with Retry-After after 30 wrong secrets at the token endpoint, the right secret too, until the window passes", async () => {
    await start();
    const { application, clientSecret } = await createTestApplication(h.services, {
      clientCredentials: true,
    });
    const token = (secret: string) =>
      oauth("accessToken", {
        grant_type: "client_credentials",
        client_id: application.clientId,
        client_secret: secret,
      });
    const seen = await statuses(300, (i) => token(`wrong-${i}`));
    const first429 = seen.indexOf(429);
    console.log(`token endpoint: ${first429} wrong secrets answered 401 before the first 429`);
    expect(first429).toBe(LIMIT);
    expect(seen.slice(0, LIMIT).every((s) => s === 401)).toBe(true);
    expect(seen.slice(LIMIT).every((s) => s === 429)).toBe(true);

    expectThrottled(await token(clientSecret));
    clock.advance(WINDOW_MS - 1);
    expectThrottled(await token(clientSecret));
    clock.advance(1);
    expect((await token(clientSecret)).statusCode).not.toBe(429);
    expect((await token(clientSecret)).statusCode).not.toBe(401);
  });

  it("counts per source address across client ids, and another address is still served", async () => {
    await start();
    const seen = await statuses(100, (i) =>
      oauth("accessToken", {
        grant_type: "client_credentials",
        client_id: `guessed-client-${i}`,
        client_secret: "wrong",
      }),
    );
    expect(seen.indexOf(429)).toBe(LIMIT);
    const { application, clientSecret } = await createTestApplication(h.services);
    const fields = {
      client_id: application.clientId,
      client_secret: clientSecret,
      token: "unknown-token",
    };
    expectThrottled(await oauth("introspectToken", fields, "10.0.0.1"));
    expect((await oauth("introspectToken", fields, "10.0.0.2")).statusCode).toBe(200);
  });

  it("limits introspection and revocation the same way", async () => {
    await start();
    for (const endpoint of ["introspectToken", "revoke"]) {
      const { application, clientSecret } = await createTestApplication(h.services);
      const token = await insertTestToken(h.services, {
        applicationId: application.id,
        memberId: null,
      });
      const call = (secret: string, address: string) =>
        oauth(endpoint, { client_id: application.clientId, client_secret: secret, token }, address);
      // A fresh address each round, so only the client id's count is at work.
      const address = endpoint === "revoke" ? "10.0.1.2" : "10.0.1.1";
      const seen = await statuses(300, (i) => call(`wrong-${i}`, address));
      console.log(`${endpoint}: ${seen.indexOf(429)} wrong secrets before the first 429`);
      expect(seen.indexOf(429), endpoint).toBe(LIMIT);
      expect(seen.slice(0, LIMIT).every((s) => s === 401)).toBe(true);
      // The client id is over the limit from any address, the right secret too.
      expectThrottled(await call(clientSecret, "10.9.9.9"));
      clock.advance(WINDOW_MS);
      expect((await call(clientSecret, "10.9.9.9")).statusCode, endpoint).toBe(200);
    }
  });

  it("answers 429 after 30 wrong admin keys from one address, the right key too, until the window passes", async () => {
    await start();
    const seen = await statuses(300, (i) => admin(`wrong-admin-key-${i}-0123456789`));
    console.log(`control plane: ${seen.indexOf(429)} wrong admin keys before the first 429`);
    expect(seen.indexOf(429)).toBe(LIMIT);
    expect(seen.slice(0, LIMIT).every((s) => s === 401)).toBe(true);
    expect(seen.slice(LIMIT).every((s) => s === 429)).toBe(true);
    expectThrottled(await admin(TEST_ADMIN_KEY));
    expect((await admin(TEST_ADMIN_KEY, "10.0.0.2")).statusCode).toBe(200);
    clock.advance(WINDOW_MS);
    expect((await admin(TEST_ADMIN_KEY)).statusCode).toBe(200);
  });

  it("never counts successes: many right secrets and keys stay below any limit", async () => {
    await start({ REGULA_AUTH_FAILURE_LIMIT: "3" });
    const { application, clientSecret } = await createTestApplication(h.services);
    const token = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: null,
    });
    const fields = { client_id: application.clientId, client_secret: clientSecret, token };
    expect(new Set(await statuses(100, () => oauth("introspectToken", fields)))).toEqual(
      new Set([200]),
    );
    expect(new Set(await statuses(100, () => admin(TEST_ADMIN_KEY)))).toEqual(new Set([200]));
  });

  it("REGULA_AUTH_FAILURE_LIMIT=0 turns the limit off", async () => {
    await start({ REGULA_AUTH_FAILURE_LIMIT: "0" });
    const seen = await statuses(100, (i) => admin(`wrong-admin-key-${i}-0123456789`));
    expect(new Set(seen)).toEqual(new Set([401]));
  });
});
