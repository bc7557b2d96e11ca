import { describe, expect, it } from "vitest";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { CALLBACK, COMPLIANCE, complianceStatus, exchangeCode } from "../helpers/oauth-flow.js";
import {
  authorizeInPages,
  harnessTransport,
  hiddenFields,
  redirectParams,
  signInFrom,
} from "../helpers/page-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

const PAGE = "/psettings/permitted-services";

describe.each(storeTargets)("the privacy settings page on $name", (target) => {
  const h = useHarness(target, { frozen: true });
  const transport = harnessTransport(h);

  /** A member who authorized an application in the pages, opted in, and holds its token. */
  async function authorizedMember() {
    const { application, clientSecret } = await createTestApplication(h.services, {
      name: "Acme Archiver",
    });
    const member = await createTestMember(h.services);
    const authorizationPath =
      `/oauth/v2/authorization?response_type=code&client_id=${application.clientId}` +
      `&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=${COMPLIANCE}&state=s`;
    const { location, sessionCookie } = await authorizeInPages(transport, {
      authorizationPath,
      memberId: member.id,
    });
    const token = (
      await exchangeCode(h, { application, clientSecret, code: redirectParams(location).code! })
    ).json().access_token;
    const optIn = await h.app.inject({
      method: "POST",
      url: "/rest/memberComplianceAuthorizations",
      headers: {
        authorization: `Bearer ${token}`,
        "linkedin-version": "202310",
        "content-type": "application/json",
      },
      payload: "{}",
    });
    expect(optIn.statusCode).toBe(201);
    return { application, member, token: token as string, sessionCookie, authorizationPath };
  }

  const page = (cookie: string) => h.app.inject({ method: "GET", url: PAGE, headers: { cookie } });
  const remove = (cookie: string, fields: Record<string, string>) =>
    h.app.inject({
      method: "POST",
      url: `${PAGE}/remove`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      payload: new URLSearchParams(fields).toString(),
    });

  it("asks for sign-in first, then returns to the page", async () => {
    const member = await createTestMember(h.services);
    const signInPage = await transport({ method: "GET", url: PAGE });
    expect(signInPage.status).toBe(200);
    expect(signInPage.body).toContain('action="/oauth/v2/login"');
    const { location, sessionCookie } = await signInFrom(transport, signInPage, member.id);
    expect(location).toBe(PAGE);
    const res = await page(sessionCookie);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("You have not authorized any applications.");
  });

  it("lists the member's applications, each with a Remove form", async () => {
    const { application, sessionCookie } = await authorizedMember();
    const res = await page(sessionCookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain("Acme Archiver");
    expect(hiddenFields(res.body)).toMatchObject({
      app_id: application.id,
      csrf_token: expect.any(String),
    });
  });

  it("Remove revokes the member's tokens, ends the authorization and drops the grant", async () => {
    const { application, member, token, sessionCookie, authorizationPath } =
      await authorizedMember();
    const res = await remove(sessionCookie, hiddenFields((await page(sessionCookie)).body));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(PAGE);

    const api = await complianceStatus(h, token);
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ code: "REVOKED_ACCESS_TOKEN", serviceErrorCode: 65601 });
    expect(await h.services.store.authorizations.findOpen(application.id, member.id)).toBeNull();
    const [latest] = await h.services.store.authorizations.listForMember(member.id);
    expect(latest).toMatchObject({ optOutCause: "MEMBER_REMOVED_APP" });
    expect(await h.services.store.grants.find(application.id, member.id)).toBeNull();
    expect((await page(sessionCookie)).body).not.toContain("Acme Archiver");

    // Authorizing again shows the consent page again: the grant is gone.
    const again = await authorizeInPages(transport, {
      authorizationPath,
      memberId: member.id,
      sessionCookie,
    });
    expect(again.consentShown).toBe(true);
  });

  it("refuses a Remove without this session's CSRF token and changes nothing", async () => {
    const { application, member, token, sessionCookie } = await authorizedMember();
    const res = await remove(sessionCookie, { app_id: application.id, csrf_token: "forged" });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect((await complianceStatus(h, token)).statusCode).toBe(200);
    expect(
      await h.services.store.authorizations.findOpen(application.id, member.id),
    ).not.toBeNull();
  });

  it("refuses a Remove without a session", async () => {
    const { application, token } = await authorizedMember();
    const res = await remove("", { app_id: application.id, csrf_token: "x" });
    expect(res.statusCode).toBe(401);
    expect((await complianceStatus(h, token)).statusCode).toBe(200);
  });

  it("removes only the signed-in member's permission", async () => {
    const first = await authorizedMember();
    const second = await authorizedMember();
    // The second member posts a Remove naming the first member's application: it is not theirs.
    const fields = {
      ...hiddenFields((await page(second.sessionCookie)).body),
      app_id: first.application.id,
    };
    expect((await remove(second.sessionCookie, fields)).statusCode).toBe(303);
    expect((await complianceStatus(h, first.token)).statusCode).toBe(200);
    expect(
      await h.services.store.authorizations.findOpen(first.application.id, first.member.id),
    ).not.toBeNull();
  });
});
