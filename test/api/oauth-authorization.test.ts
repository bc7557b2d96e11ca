import { describe, expect, it } from "vitest";
import { s256Challenge } from "../../src/oauth/pkce.js";
import { type createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { authorizationWorld, CALLBACK, COMPLIANCE, exchangeCode } from "../helpers/oauth-flow.js";
import {
  authorizeInPages,
  harnessTransport,
  hiddenFields,
  redirectParams,
  signIn,
} from "../helpers/page-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)(
  "GET /oauth/v2/authorization and the consent pages on $name",
  (target) => {
    const h = useHarness(target, { frozen: true });
    const transport = harnessTransport(h);

    const world = (overrides: Parameters<typeof createTestApplication>[1] = {}) =>
      authorizationWorld(h, overrides);

    it("shows the sign-in page as HTML, with a CSP and a SameSite sign-in cookie", async () => {
      const { path } = await world();
      const res = await h.app.inject({ method: "GET", url: path() });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(String(res.headers["set-cookie"])).toMatch(
        /^regula_signin=[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
      );
      expect(res.body).toContain("Sign in");
    });

    it("signs in, shows the consent page and redirects with a code and the same state on Allow", async () => {
      const { application, clientSecret, member, path } = await world();
      const signInPage = await h.app.inject({ method: "GET", url: path() });
      const sessionCookie = await signIn(transport, path(), member.id);
      expect(sessionCookie).toMatch(/^regula_session=[\w-]{40,}$/);
      expect(signInPage.statusCode).toBe(200);

      const consent = await h.app.inject({
        method: "GET",
        url: path(),
        headers: { cookie: sessionCookie },
      });
      expect(consent.statusCode).toBe(200);
      expect(consent.body).toContain(application.name);
      expect(consent.body).toContain("Archive your Sales Navigator messages for compliance");
      expect(hiddenFields(consent.body)).toMatchObject({
        client_id: application.clientId,
        state: "st-42",
        csrf_token: expect.any(String),
      });

      const { location, consentShown } = await authorizeInPages(transport, {
        authorizationPath: path(),
        memberId: member.id,
        sessionCookie,
      });
      expect(consentShown).toBe(true);
      expect(location.startsWith(`${CALLBACK}?code=`)).toBe(true);
      const params = redirectParams(location);
      expect(params).toEqual({ code: expect.any(String), state: "st-42" });
      expect(await h.services.store.grants.find(application.id, member.id)).toMatchObject({
        scopes: [COMPLIANCE],
      });
      const token = await exchangeCode(h, { application, clientSecret, code: params.code! });
      expect(token.statusCode).toBe(200);
      expect(token.json().expires_in).toBe(31_536_000);
    });

    it("redirects with user_cancelled_authorize and the state on Cancel, recording nothing", async () => {
      const { application, member, path } = await world();
      const { location } = await authorizeInPages(transport, {
        authorizationPath: path(),
        memberId: member.id,
        decision: "cancel",
      });
      expect(location.startsWith(`${CALLBACK}?`)).toBe(true);
      expect(redirectParams(location)).toEqual({
        error: "user_cancelled_authorize",
        error_description: "The user cancelled the authorization",
        state: "st-42",
      });
      expect(await h.services.store.grants.find(application.id, member.id)).toBeNull();
    });

    it("skips consent when the member already granted the same scopes", async () => {
      const { member, path } = await world();
      const first = await authorizeInPages(transport, {
        authorizationPath: path(),
        memberId: member.id,
      });
      const again = await h.app.inject({
        method: "GET",
        url: path({ state: "second" }),
        headers: { cookie: first.sessionCookie },
      });
      expect(again.statusCode).toBe(302);
      expect(redirectParams(String(again.headers.location))).toEqual({
        code: expect.any(String),
        state: "second",
      });
    });

    it("asks again when the request adds a scope the member has not granted", async () => {
      const { member, path } = await world({ permissions: [COMPLIANCE, "r_liteprofile"] });
      const first = await authorizeInPages(transport, {
        authorizationPath: path(),
        memberId: member.id,
      });
      const more = await h.app.inject({
        method: "GET",
        url: path({ scope: `${COMPLIANCE},r_liteprofile` }),
        headers: { cookie: first.sessionCookie },
      });
      expect(more.statusCode).toBe(200);
      expect(more.body).toContain("r_liteprofile");
    });

    it.each([
      ["comma-separated (JS client)", `${COMPLIANCE},r_liteprofile`],
      ["space-separated (Python client)", `${COMPLIANCE} r_liteprofile`],
    ])("accepts scopes %s", async (_style, scope) => {
      const { application, clientSecret, member, path } = await world({
        permissions: [COMPLIANCE, "r_liteprofile"],
      });
      const { location } = await authorizeInPages(transport, {
        authorizationPath: path({ scope }),
        memberId: member.id,
      });
      const token = await exchangeCode(h, {
        application,
        clientSecret,
        code: redirectParams(location).code!,
      });
      expect(token.json().scope).toBe(`${COMPLIANCE},r_liteprofile`);
    });

    it("keeps the redirect URI's own query, which registration matching ignores", async () => {
      const { member, path } = await world();
      const { location } = await authorizeInPages(transport, {
        authorizationPath: path({ redirect_uri: `${CALLBACK}?tenant=acme` }),
        memberId: member.id,
      });
      expect(location.startsWith(`${CALLBACK}?tenant=acme&code=`)).toBe(true);
    });

    it("binds the code to a PKCE challenge", async () => {
      const { application, clientSecret, member, path } = await world();
      const verifier = "pkce-verifier-".repeat(4);
      const { location } = await authorizeInPages(transport, {
        authorizationPath: path({
          code_challenge: s256Challenge(verifier),
          code_challenge_method: "S256",
        }),
        memberId: member.id,
      });
      const code = redirectParams(location).code!;
      const ok = await exchangeCode(h, {
        application,
        clientSecret,
        code,
        extra: { code_verifier: verifier },
      });
      expect(ok.statusCode).toBe(200);
    });

    it("refuses a consent post whose CSRF token is not the session's", async () => {
      const { application, member, path } = await world();
      const other = await createTestMember(h.services);
      const victimSession = await signIn(transport, path(), member.id);
      const attackerSession = await signIn(transport, path(), other.id);
      const attackerPage = await h.app.inject({
        method: "GET",
        url: path(),
        headers: { cookie: attackerSession },
      });
      const res = await h.app.inject({
        method: "POST",
        url: "/oauth/v2/authorization",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: victimSession },
        payload: new URLSearchParams({
          ...hiddenFields(attackerPage.body),
          decision: "allow",
        }).toString(),
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers.location).toBeUndefined();
      expect(await h.services.store.grants.find(application.id, member.id)).toBeNull();
    });

    it("shows the sign-in page again when the consent form arrives without a session", async () => {
      const { path } = await world();
      const res = await h.app.inject({
        method: "POST",
        url: "/oauth/v2/authorization",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: `${new URL(`http://x${path()}`).search.slice(1)}&decision=allow`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('action="/oauth/v2/login"');
    });
  },
);
