import { describe, expect, it } from "vitest";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { CALLBACK, COMPLIANCE, complianceStatus, exchangeCode } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("control-plane OAuth shortcuts on $name", (target) => {
  const h = useHarness(target, { frozen: true });

  const admin = (method: "POST" | "DELETE", url: string, payload?: object) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: h.admin.authorization },
      ...(payload === undefined ? {} : { payload }),
    });

  it("POST /sandbox/members/{id}/tokens issues the token consent would, and records the grant", async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const res = await admin("POST", `/sandbox/members/${member.id}/tokens`, {
      application: application.id,
      scopes: [COMPLIANCE],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      access_token: expect.any(String),
      expires_in: 31_536_000,
      scope: COMPLIANCE,
    });
    expect((await complianceStatus(h, res.json().access_token)).statusCode).toBe(200);
    expect(await h.services.store.grants.find(application.id, member.id)).toMatchObject({
      scopes: [COMPLIANCE],
    });
  });

  it("POST /sandbox/members/{id}/tokens defaults to the compliance scope", async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const res = await admin("POST", `/sandbox/members/${member.id}/tokens`, {
      application: application.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ expires_in: 31_536_000, scope: COMPLIANCE });
  });

  it("POST /sandbox/members/{id}/authorization-codes gives a code the token endpoint exchanges once", async () => {
    const { application, clientSecret } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const res = await admin("POST", `/sandbox/members/${member.id}/authorization-codes`, {
      application: `urn:li:developerApplication:${application.id}`,
      redirectUri: CALLBACK,
      scopes: [COMPLIANCE],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: expect.any(String) });
    const token = await exchangeCode(h, { application, clientSecret, code: res.json().code });
    expect(token.statusCode).toBe(200);
    expect(
      (await exchangeCode(h, { application, clientSecret, code: res.json().code })).statusCode,
    ).toBe(401);
  });

  it("DELETE /sandbox/members/{id}/permitted-applications/{app} acts as the member removing the app", async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const token = (
      await admin("POST", `/sandbox/members/${member.id}/tokens`, {
        application: application.id,
        scopes: [COMPLIANCE],
      })
    ).json().access_token;
    await h.services.store.authorizations.optIn(application.id, member.id, "ADMIN");
    const res = await admin(
      "DELETE",
      `/sandbox/members/${member.id}/permitted-applications/${application.id}`,
    );
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    expect((await complianceStatus(h, token)).json()).toMatchObject({
      code: "REVOKED_ACCESS_TOKEN",
    });
    expect(await h.services.store.authorizations.listForMember(member.id)).toEqual([
      expect.objectContaining({ optOutCause: "MEMBER_REMOVED_APP" }),
    ]);
    expect(await h.services.store.grants.find(application.id, member.id)).toBeNull();
  });

  it("answers 404 for an unknown member or application, 400 for an ungranted scope or unregistered redirect URI", async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const unknownMember = await admin("POST", "/sandbox/members/nobody/tokens", {
      application: application.id,
      scopes: [COMPLIANCE],
    });
    expect(unknownMember.statusCode).toBe(404);
    expect(unknownMember.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const unknownApp = await admin("POST", `/sandbox/members/${member.id}/tokens`, {
      application: "999999999",
      scopes: [COMPLIANCE],
    });
    expect(unknownApp.statusCode).toBe(404);
    const scope = await admin("POST", `/sandbox/members/${member.id}/tokens`, {
      application: application.id,
      scopes: ["w_member_social"],
    });
    expect(scope.statusCode).toBe(400);
    expect(scope.json()).toMatchObject({
      status: 400,
      errorDetails: { inputErrors: [{ input: { inputPath: { fieldPath: "scopes" } } }] },
    });
    const redirect = await admin("POST", `/sandbox/members/${member.id}/authorization-codes`, {
      application: application.id,
      redirectUri: "http://evil.example/cb",
      scopes: [COMPLIANCE],
    });
    expect(redirect.statusCode).toBe(400);
    const removal = await admin(
      "DELETE",
      `/sandbox/members/${member.id}/permitted-applications/999999999`,
    );
    expect(removal.statusCode).toBe(404);
  });

  it("needs the admin key", async () => {
    const member = await createTestMember(h.services);
    const res = await h.app.inject({
      method: "POST",
      url: `/sandbox/members/${member.id}/tokens`,
      payload: { application: "1", scopes: [COMPLIANCE] },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "ADMIN_KEY_REQUIRED" });
  });
});
