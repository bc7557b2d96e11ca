import { describe, expect, it } from "vitest";
import { hashSecret } from "../../src/secrets.js";
import { type createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { authorizationWorld } from "../helpers/oauth-flow.js";
import { cookiesSet, harnessTransport, hiddenFields, signIn } from "../helpers/page-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("the sandbox sign-in (POST /oauth/v2/login) on $name", (target) => {
  const h = useHarness(target, { frozen: true });
  const transport = harnessTransport(h);

  const world = (overrides: Parameters<typeof createTestApplication>[1] = {}) =>
    authorizationWorld(h, overrides);

  describe("sign-in", () => {
    async function signInPage() {
      const { path } = await world();
      const page = await h.app.inject({ method: "GET", url: path() });
      return {
        fields: hiddenFields(page.body),
        nonce: cookiesSet({ status: 200, headers: page.headers, body: "" }).regula_signin!,
      };
    }
    const post = (cookie: string, fields: Record<string, string>) =>
      h.app.inject({
        method: "POST",
        url: "/oauth/v2/login",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        payload: new URLSearchParams(fields).toString(),
      });

    it("refuses a form without the sign-in cookie it was issued with (login CSRF)", async () => {
      const member = await createTestMember(h.services);
      const { fields } = await signInPage();
      const res = await post("", { ...fields, member_id: member.id });
      expect(res.statusCode).toBe(403);
      expect(res.headers["set-cookie"]).toBeUndefined();
    });

    it("refuses to return anywhere but a local path", async () => {
      const member = await createTestMember(h.services);
      const { fields, nonce } = await signInPage();
      for (const target of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
        const res = await post(`regula_signin=${nonce}`, {
          ...fields,
          session_redirect: target,
          member_id: member.id,
        });
        expect(res.statusCode, target).toBe(400);
        expect(res.headers.location).toBeUndefined();
      }
    });

    it("refuses an unknown member", async () => {
      const { fields, nonce } = await signInPage();
      const res = await post(`regula_signin=${nonce}`, { ...fields, member_id: "nobody" });
      expect(res.statusCode).toBe(400);
    });

    it("stores the session id only as a hash", async () => {
      const member = await createTestMember(h.services);
      const { path } = await world();
      const cookie = await signIn(transport, path(), member.id);
      const sessionId = cookie.split("=")[1]!;
      expect(await h.services.store.sessions.findByHash(sessionId)).toBeNull();
      expect(await h.services.store.sessions.findByHash(hashSecret(sessionId))).toMatchObject({
        memberId: member.id,
      });
    });

    it("ends a session after 12 hours on the virtual clock: the pages ask for sign-in again", async () => {
      const member = await createTestMember(h.services);
      const { path } = await world();
      const cookie = await signIn(transport, path(), member.id);
      const fresh = await h.app.inject({ method: "GET", url: path(), headers: { cookie } });
      expect(fresh.body).toContain('action="/oauth/v2/authorization"');
      // Still signed in one millisecond before the 12 hours are up: a shorter lifetime fails here.
      await h.services.clock.advance(12 * 3_600_000 - 1);
      const last = await h.app.inject({ method: "GET", url: path(), headers: { cookie } });
      expect(last.body).toContain('action="/oauth/v2/authorization"');
      await h.services.clock.advance(1);
      const expired = await h.app.inject({ method: "GET", url: path(), headers: { cookie } });
      expect(expired.statusCode).toBe(200);
      expect(expired.body).toContain('action="/oauth/v2/login"');
    });

    it("a new sign-in ends the session it replaces", async () => {
      const member = await createTestMember(h.services);
      const { path } = await world();
      const first = await signIn(transport, path(), member.id);
      const page = await h.app.inject({ method: "GET", url: "/psettings/permitted-services" });
      const nonce = cookiesSet({ status: 200, headers: page.headers, body: "" }).regula_signin!;
      const res = await post(`regula_signin=${nonce}; ${first}`, {
        ...hiddenFields(page.body),
        member_id: member.id,
      });
      expect(res.statusCode).toBe(303);
      expect(
        await h.services.store.sessions.findByHash(hashSecret(first.split("=")[1]!)),
      ).toBeNull();
    });
  });
});
