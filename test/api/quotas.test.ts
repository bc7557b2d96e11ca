import { beforeAll, describe, expect, it } from "vitest";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { startHarness, useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

const DAY_MS = 86_400_000;

describe("daily quotas", () => {
  let tokens: string[];

  const h = useHarness(storeTargets[0]!, {
    env: { REGULA_QUOTA_MEMBER_PER_DAY: "2", REGULA_QUOTA_APPLICATION_PER_DAY: "3" },
  });
  beforeAll(async () => {
    await h.services.clock.setTo(Date.UTC(2026, 0, 10, 23, 0, 0), false);
    await h.services.clock.freeze(true);
    const { application } = await createTestApplication(h.services);
    const ada = await createTestMember(h.services);
    const bob = await createTestMember(h.services);
    tokens = [
      await insertTestToken(h.services, { applicationId: application.id, memberId: ada.id }),
      await insertTestToken(h.services, { applicationId: application.id, memberId: bob.id }),
    ];
  });

  const call = (token: string) =>
    h.app.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
      headers: { authorization: `Bearer ${token}`, "linkedin-version": "202310" },
    });

  it("throttles per (member, application) and per application, with LinkedIn's body and Retry-After to UTC midnight", async () => {
    const [ada, bob] = tokens as [string, string];
    expect((await call(ada)).statusCode).toBe(200);
    expect((await call(ada)).statusCode).toBe(200);
    const memberThrottled = await call(ada);
    expect(memberThrottled.statusCode).toBe(429);
    expect(memberThrottled.headers["retry-after"]).toBe(String(3600));
    expect(memberThrottled.json()).toEqual({
      status: 429,
      serviceErrorCode: 101,
      message: "Resource level throttle limit for calls to this resource is reached.",
    });
    expect((await call(bob)).statusCode).toBe(200);
    expect((await call(bob)).statusCode).toBe(429); // the application's 3 calls are used up
  });

  it("resets at midnight UTC on the virtual clock", async () => {
    await h.services.clock.advance(DAY_MS);
    expect((await call(tokens[0]!)).statusCode).toBe(200);
  });

  it("is off by default", async () => {
    const plain = await startHarness(storeTargets[0]!);
    try {
      const { application } = await createTestApplication(plain.services);
      const member = await createTestMember(plain.services);
      const token = await insertTestToken(plain.services, {
        applicationId: application.id,
        memberId: member.id,
      });
      for (let i = 0; i < 20; i++) {
        const res = await plain.app.inject({
          method: "GET",
          url: "/rest/complianceEvents?q=memberAndApplication",
          headers: { authorization: `Bearer ${token}`, "linkedin-version": "202310" },
        });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      await plain.close();
    }
  });
});
