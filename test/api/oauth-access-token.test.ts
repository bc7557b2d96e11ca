import { describe, expect, it } from "vitest";
import { s256Challenge } from "../../src/oauth/pkce.js";
import { hashSecret } from "../../src/secrets.js";
import { useHarness } from "../helpers/harness.js";
import {
  COMPLIANCE,
  complianceStatus,
  exchangeCode,
  issueCode,
  postOAuthForm,
  tokenWorld,
} from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

const YEAR_SECONDS = 31_536_000;
const SIXTY_DAYS_SECONDS = 5_184_000;
const CODE_NOT_FOUND = {
  error: "invalid_request",
  error_description: "Unable to retrieve access token: authorization code not found",
};
const CLIENT_AUTH_FAILED = {
  error: "invalid_client_id",
  error_description: "Client authentication failed",
};

describe.each(storeTargets)("POST /oauth/v2/accessToken on $name", (target) => {
  // Frozen so expiry arithmetic is exact; tests move it forward explicitly.
  const h = useHarness(target, { frozen: true });
  const world = (overrides: Parameters<typeof tokenWorld>[1] = {}) => tokenWorld(h, overrides);

  describe("authorization_code", () => {
    it("exchanges a code for a 365-day compliance token without a refresh token", async () => {
      const { application, clientSecret, member } = await world({ refreshTokens: true });
      const code = await issueCode(h, { application, member });
      const res = await exchangeCode(h, { application, clientSecret, code });
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      const body = res.json();
      expect(body).toEqual({
        access_token: expect.any(String),
        expires_in: YEAR_SECONDS,
        scope: COMPLIANCE,
      });
      expect((await complianceStatus(h, body.access_token)).statusCode).toBe(200);
      const stored = await h.services.store.tokens.findByHash(hashSecret(body.access_token));
      expect(stored).toMatchObject({ memberId: member.id, authType: "3L", refreshTokenHash: null });
      expect(stored!.expiresAt - stored!.createdAt).toBe(YEAR_SECONDS * 1000);
    });

    it("records the member's grant when the code is exchanged", async () => {
      const { application, clientSecret, member } = await world();
      await exchangeCode(h, {
        application,
        clientSecret,
        code: await issueCode(h, { application, member }),
      });
      expect(await h.services.store.grants.find(application.id, member.id)).toMatchObject({
        scopes: [COMPLIANCE],
      });
    });

    it("gives other scopes a 60-day token, with a refresh token only for apps enrolled in them", async () => {
      const enrolled = await world({ permissions: ["r_basicprofile"], refreshTokens: true });
      const res = await exchangeCode(h, {
        ...enrolled,
        code: await issueCode(h, { ...enrolled, scopes: ["r_basicprofile"] }),
      });
      expect(res.json()).toEqual({
        access_token: expect.any(String),
        expires_in: SIXTY_DAYS_SECONDS,
        scope: "r_basicprofile",
        refresh_token: expect.any(String),
        refresh_token_expires_in: YEAR_SECONDS,
      });
      const plain = await world({ permissions: ["r_basicprofile"] });
      const other = await exchangeCode(h, {
        ...plain,
        code: await issueCode(h, { ...plain, scopes: ["r_basicprofile"] }),
      });
      expect(Object.keys(other.json()).sort()).toEqual(["access_token", "expires_in", "scope"]);
    });

    it("answers 401 for a reused code and revokes the token it was exchanged for (RFC 6749 §4.1.2)", async () => {
      const { application, clientSecret, member } = await world();
      const code = await issueCode(h, { application, member });
      const first = await exchangeCode(h, { application, clientSecret, code });
      const second = await exchangeCode(h, { application, clientSecret, code });
      expect(second.statusCode).toBe(401);
      expect(second.json()).toEqual(CODE_NOT_FOUND);
      const replayed = await complianceStatus(h, first.json().access_token);
      expect(replayed.statusCode).toBe(401);
      expect(replayed.json()).toMatchObject({ code: "REVOKED_ACCESS_TOKEN" });
    });

    it("answers 401 for an unknown code and for another application's code", async () => {
      const { application, clientSecret, member } = await world();
      const unknown = await exchangeCode(h, {
        application,
        clientSecret,
        code: "rgl_ac_not-a-code",
      });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toEqual(CODE_NOT_FOUND);
      const other = await world();
      const foreign = await issueCode(h, { application: other.application, member });
      const res = await exchangeCode(h, { application, clientSecret, code: foreign });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(CODE_NOT_FOUND);
    });

    it("answers 400 invalid_redirect_uri for a code older than 30 minutes", async () => {
      const { application, clientSecret, member } = await world();
      const code = await issueCode(h, { application, member });
      await h.services.clock.advance(30 * 60_000 + 1);
      const res = await exchangeCode(h, { application, clientSecret, code });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: "invalid_redirect_uri",
        error_description: "Unable to retrieve access token: authorization code expired",
      });
    });

    it("accepts a code 29 minutes old", async () => {
      const { application, clientSecret, member } = await world();
      const code = await issueCode(h, { application, member });
      await h.services.clock.advance(29 * 60_000);
      expect((await exchangeCode(h, { application, clientSecret, code })).statusCode).toBe(200);
    });

    it("answers 400 invalid_redirect_uri when the redirect URI differs from the authorization request's", async () => {
      const { application, clientSecret, member } = await world({
        redirectUris: ["http://localhost:3000/callback", "http://localhost:3000/other"],
      });
      const code = await issueCode(h, { application, member });
      const res = await exchangeCode(h, {
        application,
        clientSecret,
        code,
        redirectUri: "http://localhost:3000/other",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: "invalid_redirect_uri" });
      expect(res.json().error_description).toMatch(/redirect uri/);
    });

    it("honours PKCE: the right verifier works, a wrong or missing one answers 400", async () => {
      const { application, clientSecret, member } = await world();
      const verifier = `${"v".repeat(43)}-._~0123456789`;
      const codeChallenge = s256Challenge(verifier);
      const pkceMismatch = {
        error: "invalid_redirect_uri",
        error_description:
          "Unable to retrieve access token: code verifier does not match the code challenge",
      };
      for (const extra of [{ code_verifier: `${verifier}x` }, {}] as Record<string, string>[]) {
        const code = await issueCode(h, { application, member, codeChallenge });
        const res = await exchangeCode(h, { application, clientSecret, code, extra });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(pkceMismatch);
      }
      const code = await issueCode(h, { application, member, codeChallenge });
      const ok = await exchangeCode(h, {
        application,
        clientSecret,
        code,
        extra: { code_verifier: verifier },
      });
      expect(ok.statusCode).toBe(200);
    });

    it("refuses a code_verifier for a code issued without a challenge (no PKCE downgrade)", async () => {
      const { application, clientSecret, member } = await world();
      const code = await issueCode(h, { application, member });
      const res = await exchangeCode(h, {
        application,
        clientSecret,
        code,
        extra: { code_verifier: `${"v".repeat(43)}-._~0123456789` },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: "invalid_redirect_uri",
        error_description:
          "Unable to retrieve access token: code verifier sent for an authorization code issued without a code challenge",
      });
      // The refused exchange used the code up: it cannot be replayed without the verifier.
      const replay = await exchangeCode(h, { application, clientSecret, code });
      expect(replay.statusCode).toBe(401);
    });

    it.each(["grant_type", "code", "redirect_uri", "client_id", "client_secret"])(
      "answers 400 invalid_request naming a missing %s",
      async (missing) => {
        const { application, clientSecret, member } = await world();
        const fields: Record<string, string> = {
          grant_type: "authorization_code",
          code: await issueCode(h, { application, member }),
          redirect_uri: "http://localhost:3000/callback",
          client_id: application.clientId,
          client_secret: clientSecret,
        };
        delete fields[missing];
        const res = await postOAuthForm(h, "accessToken", fields);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
          error: "invalid_request",
          error_description: `A required parameter "${missing}" is missing`,
        });
      },
    );

    it("answers 401 invalid_client_id for an unknown client and for a wrong secret, and keeps the code", async () => {
      const { application, clientSecret, member } = await world();
      const code = await issueCode(h, { application, member });
      const wrongSecret = await exchangeCode(h, {
        application,
        clientSecret: `${clientSecret}x`,
        code,
      });
      expect(wrongSecret.statusCode).toBe(401);
      expect(wrongSecret.json()).toEqual(CLIENT_AUTH_FAILED);
      const unknownClient = await exchangeCode(h, {
        application: { ...application, clientId: "nosuchclient00" },
        clientSecret,
        code,
      });
      expect(unknownClient.statusCode).toBe(401);
      expect(unknownClient.json()).toEqual(CLIENT_AUTH_FAILED);
      expect((await exchangeCode(h, { application, clientSecret, code })).statusCode).toBe(200);
    });
  });
});
