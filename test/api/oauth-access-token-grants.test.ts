import { describe, expect, it } from "vitest";
import { hashSecret } from "../../src/secrets.js";
import { useHarness } from "../helpers/harness.js";
import { exchangeCode, issueCode, postOAuthForm, tokenWorld } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

const YEAR_SECONDS = 31_536_000;
const SIXTY_DAYS_SECONDS = 5_184_000;

describe.each(storeTargets)(
  "POST /oauth/v2/accessToken: client credentials, refresh and request errors on $name",
  (target) => {
    // Frozen so expiry arithmetic is exact; tests move it forward explicitly.
    const h = useHarness(target, { frozen: true });
    const world = (overrides: Parameters<typeof tokenWorld>[1] = {}) => tokenWorld(h, overrides);

    describe("client_credentials", () => {
      it("issues a 30-minute application token carrying the application's permissions", async () => {
        const { application, clientSecret } = await world();
        const res = await postOAuthForm(h, "accessToken", {
          grant_type: "client_credentials",
          client_id: application.clientId,
          client_secret: clientSecret,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ access_token: expect.any(String), expires_in: 1800 });
        const stored = await h.services.store.tokens.findByHash(
          hashSecret(res.json().access_token),
        );
        expect(stored).toMatchObject({
          memberId: null,
          authType: "2L",
          scopes: application.permissions,
        });
      });

      it("answers 401 access_denied for an application not enabled for client credentials", async () => {
        const { application, clientSecret } = await world({ clientCredentials: false });
        const res = await postOAuthForm(h, "accessToken", {
          grant_type: "client_credentials",
          client_id: application.clientId,
          client_secret: clientSecret,
        });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({
          error: "access_denied",
          error_description: "This application is not allowed to create application tokens",
        });
      });
    });

    describe("refresh_token", () => {
      async function refresh(
        app: { application: { clientId: string }; clientSecret: string },
        refreshToken: string,
      ) {
        return postOAuthForm(h, "accessToken", {
          grant_type: "refresh_token",
          refresh_token: refreshToken,
          client_id: app.application.clientId,
          client_secret: app.clientSecret,
        });
      }

      it("rotates the refresh token and keeps its original end date", async () => {
        const app = await world({ permissions: ["r_basicprofile"], refreshTokens: true });
        const first = (
          await exchangeCode(h, {
            ...app,
            code: await issueCode(h, { ...app, scopes: ["r_basicprofile"] }),
          })
        ).json();
        await h.services.clock.advance(86_400_000);
        const res = await refresh(app, first.refresh_token);
        expect(res.statusCode).toBe(200);
        const second = res.json();
        expect(second).toMatchObject({
          expires_in: SIXTY_DAYS_SECONDS,
          scope: "r_basicprofile",
          refresh_token_expires_in: YEAR_SECONDS - 86_400,
        });
        expect(second.refresh_token).not.toBe(first.refresh_token);
        const reused = await refresh(app, first.refresh_token);
        expect(reused.statusCode).toBe(400);
        expect(reused.json()).toEqual({
          error: "invalid_grant",
          error_description: "The refresh token is invalid, expired or revoked",
        });
      });

      it("is refused to applications not enrolled in refresh tokens", async () => {
        const app = await world();
        const res = await refresh(app, "rgl_rt_anything");
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
          error: "invalid_request",
          error_description: "This application is not enabled for refresh tokens",
        });
      });
    });

    it("answers 400 unsupported_grant_type for an unknown grant type", async () => {
      const { application, clientSecret } = await world();
      const res = await postOAuthForm(h, "accessToken", {
        grant_type: "password",
        client_id: application.clientId,
        client_secret: clientSecret,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: "unsupported_grant_type",
        error_description: 'Grant type "password" is not supported',
      });
    });

    it("answers an RFC 6749 body for a JSON request body", async () => {
      const res = await h.app.inject({
        method: "POST",
        url: "/oauth/v2/accessToken",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ grant_type: "client_credentials" }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: "invalid_request",
        error_description: "The request body must be application/x-www-form-urlencoded",
      });
    });

    it("answers an RFC 6749 body for a parameter sent twice", async () => {
      const res = await h.app.inject({
        method: "POST",
        url: "/oauth/v2/accessToken",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "grant_type=client_credentials&grant_type=authorization_code",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: "invalid_request",
        error_description: 'The parameter "grant_type" must be sent once',
      });
    });
  },
);
