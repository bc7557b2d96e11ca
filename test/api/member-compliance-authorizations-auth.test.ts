import { describe, expect, it } from "vitest";
import { complianceManagementCalls } from "../helpers/compliance-management.js";
import { insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { compoundKeyForUrl } from "../helpers/restli-client.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("the Compliance Management API: tokens on $name", (target) => {
  const h = useHarness(target, { frozen: true });

  const { world, optIn, status, optOut } = complianceManagementCalls(() => h);

  describe("authentication", () => {
    const calls: Array<[string, (token: string, keyOnWire: string) => ReturnType<typeof optIn>]> = [
      ["opt-in", (token) => optIn(token)],
      ["status", (token) => status(token, "?q=memberAndApplication")],
      ["opt-out", (token, keyOnWire) => optOut(token, keyOnWire)],
    ];

    it.each(calls)(
      "%s answers LinkedIn's 401 bodies for empty, unknown, expired and revoked tokens",
      async (_call, call) => {
        const { application, member, key } = await world();
        const expired = await insertTestToken(h.services, {
          applicationId: application.id,
          memberId: member.id,
          lifetimeMs: 1,
        });
        await h.services.clock.advance(1);
        const revoked = await insertTestToken(h.services, {
          applicationId: application.id,
          memberId: member.id,
          revoked: true,
        });
        const cases: Array<[string, object]> = [
          [
            "",
            {
              status: 401,
              serviceErrorCode: 65604,
              code: "EMPTY_ACCESS_TOKEN",
              message: "Empty oauth2_access_token",
            },
          ],
          [
            "rgl_at_unknown",
            {
              status: 401,
              serviceErrorCode: 65600,
              code: "INVALID_ACCESS_TOKEN",
              message: "Invalid access token",
            },
          ],
          [
            expired,
            {
              status: 401,
              serviceErrorCode: 65602,
              code: "EXPIRED_ACCESS_TOKEN",
              message: "The token used in the request has expired",
            },
          ],
          [
            revoked,
            {
              status: 401,
              serviceErrorCode: 65601,
              code: "REVOKED_ACCESS_TOKEN",
              message: "The token used in the request has been revoked by the user",
            },
          ],
        ];
        for (const [token, body] of cases) {
          const res = await call(token, compoundKeyForUrl(key()));
          expect(res.statusCode, token).toBe(401);
          expect(res.json()).toEqual(body);
        }
      },
    );

    it("token expiry does not end the authorization; the application can still opt the member out", async () => {
      const { application, member, key } = await world();
      const token = await insertTestToken(h.services, {
        applicationId: application.id,
        memberId: member.id,
        lifetimeMs: 86_400_000,
      });
      expect((await optIn(token)).statusCode).toBe(201);
      await h.services.clock.advance(2 * 86_400_000);
      expect((await status(token)).json()).toMatchObject({ code: "EXPIRED_ACCESS_TOKEN" });
      expect(
        await h.services.store.authorizations.findOpen(application.id, member.id),
      ).not.toBeNull();
      const appToken = await insertTestToken(h.services, {
        applicationId: application.id,
        memberId: null,
      });
      expect((await optOut(appToken, compoundKeyForUrl(key()))).statusCode).toBe(204);
    });
  });
});
