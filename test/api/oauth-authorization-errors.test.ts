import { describe, expect, it } from "vitest";
import type { createTestApplication } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { authorizationWorld, COMPLIANCE } from "../helpers/oauth-flow.js";
import { authorizeInPages, harnessTransport } from "../helpers/page-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("GET /oauth/v2/authorization: bad requests on $name", (target) => {
  const h = useHarness(target, { frozen: true });
  const transport = harnessTransport(h);

  const world = (overrides: Parameters<typeof createTestApplication>[1] = {}) =>
    authorizationWorld(h, overrides);

  describe("answers an HTML error page, never a redirect", () => {
    it.each([
      [
        "an unknown client",
        { client_id: "nosuchclient00" },
        401,
        "The passed in client_id is invalid",
      ],
      [
        "an unregistered redirect URI",
        { redirect_uri: "http://evil.example/callback" },
        401,
        "The redirect_uri does not match the registered value",
      ],
      [
        "a redirect URI differing only in path case",
        { redirect_uri: "http://localhost:3000/Callback" },
        401,
        "The redirect_uri does not match the registered value",
      ],
      [
        "a scope the application was not granted",
        { scope: `${COMPLIANCE},w_member_social` },
        401,
        'Scope "w_member_social" is not authorized for your application',
      ],
      ["a missing scope", { scope: undefined }, 400, 'A required parameter "scope" is missing'],
      [
        "a missing client_id",
        { client_id: undefined },
        400,
        'A required parameter "client_id" is missing',
      ],
      [
        "a missing redirect_uri",
        { redirect_uri: undefined },
        400,
        'A required parameter "redirect_uri" is missing',
      ],
      ["response_type=token", { response_type: "token" }, 400, 'response_type must be "code"'],
      [
        "a plain PKCE challenge",
        { code_challenge: "x".repeat(43), code_challenge_method: "plain" },
        400,
        'code_challenge_method must be "S256"',
      ],
      [
        "a malformed PKCE challenge",
        { code_challenge: "short", code_challenge_method: "S256" },
        400,
        "code_challenge must be the base64url SHA-256 of the code verifier",
      ],
    ])("for %s", async (_case, extra, status, message) => {
      const { path } = await world();
      const res = await h.app.inject({ method: "GET", url: path(extra) });
      expect(res.statusCode).toBe(status);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers.location).toBeUndefined();
      expect(res.body).toContain(message.replace(/"/g, "&quot;"));
    });

    it("when the consent form is posted for an unregistered redirect URI", async () => {
      const { member, path } = await world();
      const { sessionCookie } = await authorizeInPages(transport, {
        authorizationPath: path(),
        memberId: member.id,
      });
      const res = await h.app.inject({
        method: "POST",
        url: "/oauth/v2/authorization",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: sessionCookie },
        payload:
          new URL(`http://x${path({ redirect_uri: "http://evil.example/cb" })}`).search.slice(1) +
          "&decision=allow",
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers.location).toBeUndefined();
    });
  });
});
