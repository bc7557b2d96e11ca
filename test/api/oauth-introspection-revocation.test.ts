import { describe, expect, it } from "vitest";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import {
  COMPLIANCE,
  complianceStatus,
  exchangeCode,
  issueCode,
  postOAuthForm,
} from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("introspection and revocation on $name", (target) => {
  const h = useHarness(target, { frozen: true });

  /** An application, a member and the member's compliance token obtained through a code. */
  async function memberToken() {
    const { application, clientSecret } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    // Consent (the code) a minute before the exchange: authorized_at and created_at differ.
    const consentAtMs = h.services.clock.nowMs();
    const code = await issueCode(h, { application, member });
    await h.services.clock.advance(60_000);
    const res = await exchangeCode(h, { application, clientSecret, code });
    return {
      application,
      clientSecret,
      member,
      consentAtMs,
      token: res.json().access_token as string,
    };
  }

  const introspect = (
    client: { application: { clientId: string }; clientSecret: string },
    token: string,
  ) =>
    postOAuthForm(h, "introspectToken", {
      client_id: client.application.clientId,
      client_secret: client.clientSecret,
      token,
    });

  describe("POST /oauth/v2/introspectToken", () => {
    it("reports an active 3-legged token with times in epoch seconds and comma-separated scopes", async () => {
      const ctx = await memberToken();
      const nowS = Math.floor(h.services.clock.nowMs() / 1000);
      const res = await introspect(ctx, ctx.token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        active: true,
        client_id: ctx.application.clientId,
        authorized_at: Math.floor(ctx.consentAtMs / 1000),
        created_at: nowS,
        status: "active",
        expires_at: nowS + 31_536_000,
        scope: COMPLIANCE,
        auth_type: "3L",
      });
    });

    it("reports a 2-legged token as 2L with the application's permissions", async () => {
      const { application, clientSecret } = await createTestApplication(h.services, {
        permissions: [COMPLIANCE, "r_liteprofile"],
      });
      const issued = await postOAuthForm(h, "accessToken", {
        grant_type: "client_credentials",
        client_id: application.clientId,
        client_secret: clientSecret,
      });
      const res = await introspect({ application, clientSecret }, issued.json().access_token);
      expect(res.json()).toMatchObject({
        active: true,
        auth_type: "2L",
        scope: `${COMPLIANCE},r_liteprofile`,
        status: "active",
      });
      expect(res.json().expires_at - res.json().created_at).toBe(1800);
    });

    it("reports an expired token as inactive with status expired", async () => {
      const ctx = await memberToken();
      await h.services.clock.advance(365 * 86_400_000);
      const res = await introspect(ctx, ctx.token);
      expect(res.json()).toMatchObject({ active: false, status: "expired", auth_type: "3L" });
    });

    it("reports a revoked token as inactive with status revoked", async () => {
      const ctx = await memberToken();
      await postOAuthForm(h, "revoke", {
        client_id: ctx.application.clientId,
        client_secret: ctx.clientSecret,
        token: ctx.token,
      });
      const res = await introspect(ctx, ctx.token);
      expect(res.json()).toMatchObject({ active: false, status: "revoked" });
    });

    it("answers {active:false} for an unknown token and for another application's token", async () => {
      const ctx = await memberToken();
      const other = await createTestApplication(h.services);
      expect((await introspect(ctx, "rgl_at_unknown")).json()).toEqual({ active: false });
      const foreign = await introspect(other, ctx.token);
      expect(foreign.statusCode).toBe(200);
      expect(foreign.json()).toEqual({ active: false });
    });

    it("answers 400 for an unknown client id and 401 for a wrong secret", async () => {
      const ctx = await memberToken();
      const unknown = await postOAuthForm(h, "introspectToken", {
        client_id: "nosuchclient00",
        client_secret: "x".repeat(20),
        token: ctx.token,
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toEqual({
        error: "invalid_request",
        error_description: "Invalid client id",
      });
      const wrong = await introspect(
        { ...ctx, clientSecret: "wrong-secret-0123456789" },
        ctx.token,
      );
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({
        error: "invalid_client_id",
        error_description: "Client authentication failed",
      });
    });

    it.each(["client_id", "client_secret", "token"])(
      "answers 400 naming a missing %s",
      async (missing) => {
        const ctx = await memberToken();
        const fields: Record<string, string> = {
          client_id: ctx.application.clientId,
          client_secret: ctx.clientSecret,
          token: ctx.token,
        };
        delete fields[missing];
        const res = await postOAuthForm(h, "introspectToken", fields);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
          error: "invalid_request",
          error_description: `A required parameter "${missing}" is missing`,
        });
      },
    );
  });

  describe("POST /oauth/v2/revoke", () => {
    it("revokes the application's own token: the API then answers 401 REVOKED_ACCESS_TOKEN", async () => {
      const ctx = await memberToken();
      const res = await postOAuthForm(h, "revoke", {
        client_id: ctx.application.clientId,
        client_secret: ctx.clientSecret,
        token: ctx.token,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe("");
      const api = await complianceStatus(h, ctx.token);
      expect(api.statusCode).toBe(401);
      expect(api.json()).toEqual({
        status: 401,
        serviceErrorCode: 65601,
        code: "REVOKED_ACCESS_TOKEN",
        message: "The token used in the request has been revoked by the user",
      });
    });

    it("answers 200 for an unknown token and leaves another application's token alone", async () => {
      const ctx = await memberToken();
      const other = await createTestApplication(h.services);
      const unknown = await postOAuthForm(h, "revoke", {
        client_id: ctx.application.clientId,
        client_secret: ctx.clientSecret,
        token: "rgl_at_nope",
      });
      expect(unknown.statusCode).toBe(200);
      const foreign = await postOAuthForm(h, "revoke", {
        client_id: other.application.clientId,
        client_secret: other.clientSecret,
        token: ctx.token,
      });
      expect(foreign.statusCode).toBe(200);
      expect((await complianceStatus(h, ctx.token)).statusCode).toBe(200);
    });

    it("requires client authentication", async () => {
      const ctx = await memberToken();
      const res = await postOAuthForm(h, "revoke", {
        client_id: ctx.application.clientId,
        client_secret: "wrong-secret-0123456789",
        token: ctx.token,
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: "invalid_client_id",
        error_description: "Client authentication failed",
      });
      expect((await complianceStatus(h, ctx.token)).statusCode).toBe(200);
    });

    it("does not end the member's compliance authorization", async () => {
      const ctx = await memberToken();
      const optIn = await h.app.inject({
        method: "POST",
        url: "/rest/memberComplianceAuthorizations",
        headers: {
          authorization: `Bearer ${ctx.token}`,
          "linkedin-version": "202310",
          "content-type": "application/json",
        },
        payload: "{}",
      });
      expect(optIn.statusCode).toBe(201);
      await postOAuthForm(h, "revoke", {
        client_id: ctx.application.clientId,
        client_secret: ctx.clientSecret,
        token: ctx.token,
      });
      expect(
        await h.services.store.authorizations.findOpen(ctx.application.id, ctx.member.id),
      ).not.toBeNull();
    });
  });
});
