import { beforeEach, describe, expect, it } from "vitest";
import type { Application, Member } from "../../src/domain/records.js";
import { applicationUrn, personUrn } from "../../src/urn.js";
import { resetFrozenWorld } from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("POST and DELETE /sandbox/authorizations on $name", (target) => {
  let t0: number;
  let app: Application;
  let ada: Member;

  const h = useHarness(target);
  beforeEach(async () => {
    t0 = await resetFrozenWorld(h.services);
    app = (await createTestApplication(h.services)).application;
    ada = await createTestMember(h.services);
  });

  const authorize = (payload: object, headers: Record<string, string> = h.admin) =>
    h.app.inject({ method: "POST", url: "/sandbox/authorizations", headers, payload });
  const deauthorize = (
    applicationId: string,
    memberId: string,
    headers: Record<string, string> = h.admin,
  ) =>
    h.app.inject({
      method: "DELETE",
      url: `/sandbox/authorizations/${encodeURIComponent(applicationId)}/${encodeURIComponent(memberId)}`,
      headers,
    });
  const history = async () =>
    (
      await h.app.inject({ method: "GET", url: `/sandbox/members/${ada.id}`, headers: h.admin })
    ).json().authorizations;

  it("opts the member in with cause ADMIN and answers 201 with the authorization", async () => {
    const res = await authorize({ application: app.id, member: ada.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      application: app.id,
      applicationUrn: applicationUrn(app.id),
      member: ada.id,
      memberUrn: personUrn(ada.id),
      regulatedAt: t0,
      optInCause: "ADMIN",
      optedOutAt: null,
      optOutCause: null,
      active: true,
      created: true,
    });
    expect(await h.services.store.authorizations.findOpen(app.id, ada.id)).toMatchObject({
      regulatedAt: t0,
      optInCause: "ADMIN",
    });
  });

  it("accepts URNs and is idempotent: 201 again with the first regulatedAt", async () => {
    await authorize({ application: app.id, member: ada.id });
    await h.services.clock.advance(60_000);
    const again = await authorize({
      application: applicationUrn(app.id),
      member: personUrn(ada.id),
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ regulatedAt: t0, created: false, active: true });
    expect(await history()).toHaveLength(1);
  });

  it("opts the member out with cause ADMIN (204) and keeps the history", async () => {
    await authorize({ application: app.id, member: ada.id });
    await h.services.clock.advance(5_000);
    const res = await deauthorize(app.id, ada.id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    expect(await h.services.store.authorizations.findOpen(app.id, ada.id)).toBeNull();
    expect(await history()).toEqual([
      expect.objectContaining({
        application: app.id,
        regulatedAt: t0,
        optInCause: "ADMIN",
        optedOutAt: t0 + 5_000,
        optOutCause: "ADMIN",
        active: false,
      }),
    ]);
  });

  it("answers 404 when the member is not regulated, or the application or member is unknown", async () => {
    const notRegulated = await deauthorize(app.id, ada.id);
    expect(notRegulated.statusCode).toBe(404);
    expect(notRegulated.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
    for (const [applicationId, memberId] of [
      ["999999", ada.id],
      [app.id, "nobody"],
      ["not-a-number", ada.id],
    ] as const) {
      expect((await deauthorize(applicationId, memberId)).statusCode).toBe(404);
    }
    for (const payload of [
      { application: "999999", member: ada.id },
      { application: app.id, member: "nobody" },
    ]) {
      const res = await authorize(payload);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
    }
    expect(await history()).toEqual([]);
  });

  it("rejects a body with a missing or unknown field with 400", async () => {
    for (const payload of [
      { application: app.id },
      { application: app.id, member: ada.id, x: 1 },
    ]) {
      const res = await authorize(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, errorDetails: expect.any(Object) });
    }
  });

  it("answers 401 without the admin key and changes nothing", async () => {
    await authorize({ application: app.id, member: ada.id });
    const refused: Array<Record<string, string>> = [{}, { authorization: "Bearer wrong-key" }];
    for (const headers of refused) {
      const optIn = await authorize({ application: app.id, member: ada.id }, headers);
      const optOut = await deauthorize(app.id, ada.id, headers);
      for (const res of [optIn, optOut]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ status: 401, code: "ADMIN_KEY_REQUIRED" });
      }
    }
    expect(await history()).toEqual([expect.objectContaining({ active: true })]);
  });
});
