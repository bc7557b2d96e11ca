import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { compoundKeyForUrl } from "../helpers/restli-client.js";
import { storeTargets } from "../helpers/store-targets.js";

const RESOURCE = "/rest/memberComplianceAuthorizations";
const appUrn = (id: string) => `urn:li:developerApplication:${id}`;
const memberUrn = (id: string) => `urn:li:person:${id}`;
const _denied = (method: string) => ({
  status: 403,
  serviceErrorCode: 100,
  code: "ACCESS_DENIED",
  message: `Not enough permissions to access: memberComplianceAuthorizations.${method}.20231001`,
});

describe.each(storeTargets)("the Compliance Management API: tokens on $name", (target) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(target);
    await h.services.clock.freeze(true);
  });
  afterAll(async () => h.close());

  async function world() {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const token = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: member.id,
    });
    const appToken = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: null,
    });
    const key = (order: "app-first" | "member-first" = "app-first"): Array<[string, string]> =>
      order === "app-first"
        ? [
            ["developerApplication", appUrn(application.id)],
            ["member", memberUrn(member.id)],
          ]
        : [
            ["member", memberUrn(member.id)],
            ["developerApplication", appUrn(application.id)],
          ];
    return { application, member, token, appToken, key };
  }

  const headers = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    "linkedin-version": "202310",
    ...extra,
  });
  /** `null` sends no body at all. */
  const optIn = (token: string, payload: string | null = "{}") =>
    h.app.inject({
      method: "POST",
      url: RESOURCE,
      headers: headers(token, { "content-type": "application/json" }),
      ...(payload === null ? {} : { payload }),
    });
  const status = (token: string, query = "") =>
    h.app.inject({ method: "GET", url: `${RESOURCE}${query}`, headers: headers(token) });
  const optOut = (token: string, keyOnWire: string) =>
    h.app.inject({ method: "DELETE", url: `${RESOURCE}/${keyOnWire}`, headers: headers(token) });

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
