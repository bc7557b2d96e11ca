import { describe, expect, it } from "vitest";
import { restHeaders } from "../helpers/compliance-client.js";
import {
  appUrn,
  complianceManagementCalls,
  denied,
  memberUrn,
  RESOURCE,
} from "../helpers/compliance-management.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import {
  compoundKeyForUrl,
  compoundKeyV1Encoded,
  compoundKeyV1Raw,
} from "../helpers/restli-client.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("the Compliance Management API on $name", (target) => {
  const h = useHarness(target, { frozen: true });

  const { world, optIn, status, optOut } = complianceManagementCalls(() => h);

  describe("opt-in", () => {
    it("answers 201 with an empty body and the compound key in x-restli-id and Location", async () => {
      const { application, member, token } = await world();
      const res = await optIn(token);
      expect(res.statusCode).toBe(201);
      expect(res.body).toBe("");
      expect(res.headers["x-restli-id"]).toBe(
        `(developerApplication:urn%3Ali%3AdeveloperApplication%3A${application.id},member:urn%3Ali%3Aperson%3A${member.id})`,
      );
      expect(res.headers.location).toContain(`${RESOURCE}/(developerApplication:`);
    });

    it("is idempotent: opting in again answers 201 and keeps regulatedAt", async () => {
      const { token } = await world();
      await optIn(token);
      const before = (await status(token)).json().elements[0].regulatedAt;
      await h.services.clock.advance(60_000);
      expect((await optIn(token)).statusCode).toBe(201);
      expect((await status(token)).json().elements[0].regulatedAt).toBe(before);
    });

    it.each([
      ["an empty form body", ""],
      ["a form body", "a=b"],
    ])("answers 400 for %s, which is not the JSON entity {}", async (_case, form) => {
      const { application, member, token } = await world();
      const res = await h.app.inject({
        method: "POST",
        url: "/rest/memberComplianceAuthorizations",
        headers: { ...restHeaders(token), "content-type": "application/x-www-form-urlencoded" },
        payload: form,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers["x-restli-error-response"]).toBe("true");
      expect(await h.services.store.authorizations.findOpen(application.id, member.id)).toBeNull();
    });

    it.each([
      ["a non-empty object", '{"member":"urn:li:person:x"}'],
      ["an array", "[]"],
      ["null", "null"],
      ["no body", null],
    ])("answers 400 for %s", async (_case, payload) => {
      const { application, member, token } = await world();
      const res = await optIn(token, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ status: 400 });
      expect(await h.services.store.authorizations.findOpen(application.id, member.id)).toBeNull();
    });

    it("answers 403 for an application token", async () => {
      const { appToken } = await world();
      const res = await optIn(appToken);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(denied("CREATE"));
    });

    it("answers 403 for a member token without r_compliance_sales_nav", async () => {
      const { application, member } = await world();
      const token = await insertTestToken(h.services, {
        applicationId: application.id,
        memberId: member.id,
        scopes: ["r_liteprofile"],
      });
      const res = await optIn(token);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(denied("CREATE"));
    });
  });

  describe("status", () => {
    it.each(["", "?q=member", "?q=memberAndApplication"])(
      "GET%s answers the documented element",
      async (query) => {
        const { application, member, token } = await world();
        await optIn(token);
        const res = await status(token, query);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({
          elements: [
            {
              memberComplianceAuthorizationKey: {
                developerApplication: appUrn(application.id),
                member: memberUrn(member.id),
              },
              regulatedAt: h.services.clock.nowMs(),
              memberComplianceScopes: ["SALES_NAV"],
            },
          ],
          paging: expect.objectContaining({ start: 0 }),
        });
      },
    );

    it("answers empty elements when the member is not opted in, and never another application's record", async () => {
      const { member, token } = await world();
      const other = await createTestApplication(h.services);
      await h.services.store.authorizations.optIn(other.application.id, member.id, "ADMIN");
      expect((await status(token, "?q=memberAndApplication")).json().elements).toEqual([]);
    });

    it("answers 404 for an unknown finder and 403 for an application token", async () => {
      const { token, appToken } = await world();
      const unknown = await status(token, "?q=everyone");
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({
        status: 404,
        code: "RESOURCE_NOT_FOUND",
        message: "No virtual resource found",
      });
      const app = await status(appToken, "?q=member");
      expect(app.statusCode).toBe(403);
      expect(app.json()).toEqual(denied("FINDER-member"));
    });
  });

  describe("opt-out", () => {
    const keyForms: Array<[string, (key: Array<[string, string]>) => string]> = [
      ["the Rest.li 2.0 key", compoundKeyForUrl],
      [
        "the 2.0 key fully percent-encoded",
        (key) => encodeURIComponent(compoundKeyForUrl(key).replace(/%3A/g, ":")),
      ],
      [
        "the 2.0 key with raw colons in values",
        (key) => compoundKeyForUrl(key).replace(/%3A/g, ":"),
      ],
      ["the 1.0 key, raw", compoundKeyV1Raw],
      ["the 1.0 key, percent-encoded", compoundKeyV1Encoded],
    ];

    it.each(keyForms)("answers 204 with a member token and %s", async (_form, encode) => {
      const { application, member, token, key } = await world();
      await optIn(token);
      const res = await optOut(token, encode(key("member-first")));
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe("");
      expect(await h.services.store.authorizations.findOpen(application.id, member.id)).toBeNull();
    });

    it("answers 204 with an application token of the same application", async () => {
      const { token, appToken, key } = await world();
      await optIn(token);
      expect((await optOut(appToken, compoundKeyForUrl(key()))).statusCode).toBe(204);
    });

    it("answers 403 for a key naming another application", async () => {
      const { member, token } = await world();
      const other = await createTestApplication(h.services);
      await h.services.store.authorizations.optIn(other.application.id, member.id, "ADMIN");
      const res = await optOut(
        token,
        compoundKeyForUrl([
          ["developerApplication", appUrn(other.application.id)],
          ["member", memberUrn(member.id)],
        ]),
      );
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(denied("DELETE"));
      expect(
        await h.services.store.authorizations.findOpen(other.application.id, member.id),
      ).not.toBeNull();
    });

    it("answers 403 when a member token names another member", async () => {
      const { application, token } = await world();
      const other = await createTestMember(h.services);
      await h.services.store.authorizations.optIn(application.id, other.id, "ADMIN");
      const res = await optOut(
        token,
        compoundKeyForUrl([
          ["developerApplication", appUrn(application.id)],
          ["member", memberUrn(other.id)],
        ]),
      );
      expect(res.statusCode).toBe(403);
      expect(
        await h.services.store.authorizations.findOpen(application.id, other.id),
      ).not.toBeNull();
    });

    it.each([
      [
        "a missing part",
        (app: string) => `(developerApplication:${encodeURIComponent(appUrn(app))})`,
      ],
      [
        "an unknown key name",
        (app: string) =>
          `(developerApplication:${encodeURIComponent(appUrn(app))},person:urn%3Ali%3Aperson%3Ax)`,
      ],
      [
        "unbalanced parentheses",
        (app: string) => `(developerApplication:${encodeURIComponent(appUrn(app))},member:x`,
      ],
      ["a value that is not a URN", () => "(developerApplication:123,member:abc)"],
      ["garbage", () => "%%%"],
    ])("answers 400 for a key with %s", async (_case, build) => {
      const { application, token } = await world();
      await optIn(token);
      const res = await optOut(token, build(application.id));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ status: 400 });
    });

    it("answers 404 when the member is not opted in", async () => {
      const { token, key } = await world();
      const res = await optOut(token, compoundKeyForUrl(key()));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 404 });
    });
  });
});
