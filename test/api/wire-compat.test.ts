import { describe, expect, it } from "vitest";
import type { Application, Member } from "../../src/domain/records.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { CALLBACK, COMPLIANCE } from "../helpers/oauth-flow.js";
import { authorizeInPages, redirectParams, socketTransport } from "../helpers/page-flow.js";
import {
  compoundKeyForUrl,
  compoundKeyV1Encoded,
  compoundKeyV1Raw,
  decodeReducedCompoundKey,
  oauthClient,
  restClient,
} from "../helpers/restli-client.js";
import { storeTargets } from "../helpers/store-targets.js";

const RESOURCE = "memberComplianceAuthorizations";
const YEAR_SECONDS = 31_536_000;

/**
 * Every endpoint of the OAuth and Compliance Management APIs, driven over a real socket
 * with the exact requests of LinkedIn's JS client, its Python client and hand-written
 * archivers (spec/clients.md), from the authorization URL to the opt-out.
 */
describe.each(storeTargets)("wire compatibility with real clients on $name", (target) => {
  const h = useHarness(target, { listen: true, frozen: true });

  async function world() {
    const { application, clientSecret } = await createTestApplication(h.services, {
      permissions: [COMPLIANCE, "r_liteprofile"],
    });
    const member = await createTestMember(h.services);
    return { application, clientSecret, member };
  }

  /** The browser part: sign in and allow on the pages, over the socket; returns the code. */
  async function consentOverSocket(
    authorizationPath: string,
    member: Member,
    state: string,
  ): Promise<string> {
    const { location } = await authorizeInPages(socketTransport(h.baseUrl), {
      authorizationPath,
      memberId: member.id,
    });
    expect(location.startsWith(`${CALLBACK}?`)).toBe(true);
    const params = redirectParams(location);
    expect(params.state).toBe(state);
    return params.code!;
  }

  /** A member consents over the socket and the client exchanges the code: the usual start. */
  async function complianceTokenOverWire(style: "js" | "python") {
    const { application, clientSecret, member } = await world();
    const oauth = oauthClient({
      baseUrl: h.baseUrl,
      style,
      clientId: application.clientId,
      clientSecret,
    });
    const state = `state-${style}-${member.id}`;
    const path = oauth.authorizationPath({ redirectUri: CALLBACK, scopes: [COMPLIANCE], state });
    const code = await consentOverSocket(path, member, state);
    const exchanged = await oauth.exchangeCode(code, CALLBACK);
    return {
      application,
      member,
      oauth,
      accessToken: exchanged.json<{ access_token: string }>().access_token,
    };
  }

  const expectedElement = (application: Application, member: Member, regulatedAt: number) => ({
    memberComplianceAuthorizationKey: {
      developerApplication: `urn:li:developerApplication:${application.id}`,
      member: `urn:li:person:${member.id}`,
    },
    regulatedAt,
    memberComplianceScopes: ["SALES_NAV"],
  });

  it.each(["js", "python"] as const)(
    "%s client: authorization URL, code exchange for a 365-day token, introspection",
    async (style) => {
      const { application, clientSecret, member } = await world();
      const oauth = oauthClient({
        baseUrl: h.baseUrl,
        style,
        clientId: application.clientId,
        clientSecret,
      });
      const state = `state-${style}-${Date.now()}`;
      const path = oauth.authorizationPath({
        redirectUri: CALLBACK,
        scopes: [COMPLIANCE, "r_liteprofile"],
        state,
      });
      expect(path).toContain(
        style === "js"
          ? `scope=${COMPLIANCE},r_liteprofile`
          : `scope=${COMPLIANCE}%20r_liteprofile`,
      );
      const code = await consentOverSocket(path, member, state);

      const exchanged = await oauth.exchangeCode(code, CALLBACK);
      expect(exchanged.status).toBe(200);
      expect(exchanged.headers["content-type"]).toMatch(/^application\/json/);
      const token = exchanged.json<{ access_token: string; expires_in: number; scope: string }>();
      expect(token).toEqual({
        access_token: expect.any(String),
        expires_in: YEAR_SECONDS,
        scope: `${COMPLIANCE},r_liteprofile`,
      });

      const introspected = await oauth.introspect(token.access_token);
      expect(introspected.status).toBe(200);
      const nowSeconds = Math.floor(h.services.clock.nowMs() / 1000);
      expect(introspected.json()).toEqual({
        active: true,
        client_id: application.clientId,
        authorized_at: nowSeconds,
        created_at: nowSeconds,
        status: "active",
        expires_at: nowSeconds + YEAR_SECONDS,
        scope: `${COMPLIANCE},r_liteprofile`,
        auth_type: "3L",
      });
    },
  );

  it("opt-in, status in all three forms, and opt-out with an application token, as the JS client sends them", async () => {
    const { application, member, oauth, accessToken } = await complianceTokenOverWire("js");
    const js = restClient({ baseUrl: h.baseUrl, style: "js", accessToken });

    const created = await js.create(RESOURCE, {});
    expect(created.status).toBe(201);
    expect(created.body).toBe("");
    expect(created.headers["x-restli-protocol-version"]).toBe("2.0.0");
    expect(decodeReducedCompoundKey(created.headers["x-restli-id"]!)).toEqual({
      developerApplication: `urn:li:developerApplication:${application.id}`,
      member: `urn:li:person:${member.id}`,
    });

    const element = expectedElement(application, member, h.services.clock.nowMs());
    for (const res of [
      await js.getAll(RESOURCE),
      await js.finder(RESOURCE, "member"),
      await js.finder(RESOURCE, "memberAndApplication"),
      await js.tunneled("GET", RESOURCE, [["q", "memberAndApplication"]], "finder"),
    ]) {
      expect(res.status).toBe(200);
      const body = res.json<{ elements: unknown[]; paging: Record<string, unknown> }>();
      expect(body.elements).toEqual([element]);
      expect(body.paging).toMatchObject({ start: 0, count: expect.any(Number), links: [] });
    }

    const appToken = (await oauth.clientCredentials()).json<{
      access_token: string;
      expires_in: number;
    }>();
    expect(appToken.expires_in).toBe(1800);
    const asApplication = restClient({
      baseUrl: h.baseUrl,
      style: "js",
      accessToken: appToken.access_token,
    });
    const key = compoundKeyForUrl([
      ["developerApplication", `urn:li:developerApplication:${application.id}`],
      ["member", `urn:li:person:${member.id}`],
    ]);
    expect(key).toBe(
      `(developerApplication:urn%3Ali%3AdeveloperApplication%3A${application.id},member:urn%3Ali%3Aperson%3A${member.id})`,
    );
    const deleted = await asApplication.delete(RESOURCE, key);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe("");
    expect(
      (await js.finder(RESOURCE, "memberAndApplication")).json<{ elements: unknown[] }>().elements,
    ).toEqual([]);
  });

  it("the Python client's upper-case methods and sorted parameters", async () => {
    const { application, member, accessToken } = await complianceTokenOverWire("python");
    const python = restClient({ baseUrl: h.baseUrl, style: "python", accessToken });

    expect((await python.create(RESOURCE, {})).status).toBe(201);
    const found = await python.finder(RESOURCE, "memberAndApplication", [
      ["start", 0],
      ["count", 10],
    ]);
    expect(found.status).toBe(200);
    expect(found.json<{ elements: unknown[] }>().elements).toEqual([
      expectedElement(application, member, h.services.clock.nowMs()),
    ]);
    const key = compoundKeyForUrl([
      ["member", `urn:li:person:${member.id}`],
      ["developerApplication", `urn:li:developerApplication:${application.id}`],
    ]);
    expect((await python.delete(RESOURCE, key)).status).toBe(204);
  });

  it.each([
    ["raw", compoundKeyV1Raw, false],
    ["percent-encoded, with the 2.0 protocol header", compoundKeyV1Encoded, true],
  ] as const)(
    "a hand-written archiver's 1.0 key (%s) and LinkedIn-Version 20231001",
    async (_form, encodeKey, protocolHeader) => {
      const { application, member, accessToken } = await complianceTokenOverWire("js");
      const archiver = restClient({
        baseUrl: h.baseUrl,
        style: "archiver",
        accessToken,
        version: "20231001",
        protocolHeader,
      });

      expect((await archiver.create(RESOURCE, {})).status).toBe(201);
      // Archivers decide consent with `elements.length > 0` on the status finder.
      const status = await archiver.finder(RESOURCE, "memberAndApplication");
      expect(status.json<{ elements: unknown[] }>().elements.length > 0).toBe(true);
      const key = encodeKey([
        ["developerApplication", `urn:li:developerApplication:${application.id}`],
        ["member", `urn:li:person:${member.id}`],
      ]);
      const deleted = await archiver.delete(RESOURCE, key);
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBe("");
    },
  );

  it("a tunneled DELETE (POST + X-HTTP-Method-Override: DELETE)", async () => {
    const { application, member, accessToken } = await complianceTokenOverWire("js");
    const js = restClient({ baseUrl: h.baseUrl, style: "js", accessToken });
    expect((await js.create(RESOURCE, {})).status).toBe(201);
    const key = compoundKeyForUrl([
      ["developerApplication", `urn:li:developerApplication:${application.id}`],
      ["member", `urn:li:person:${member.id}`],
    ]);
    const res = await js.tunneled("DELETE", `${RESOURCE}/${key}`, [], "delete");
    expect(res.status).toBe(204);
    expect(await h.services.store.authorizations.findOpen(application.id, member.id)).toBeNull();
  });

  it("revocation and refresh as the clients post them", async () => {
    const { application, clientSecret } = await createTestApplication(h.services, {
      permissions: ["r_liteprofile"],
      refreshTokens: true,
    });
    const member = await createTestMember(h.services);
    const oauth = oauthClient({
      baseUrl: h.baseUrl,
      style: "python",
      clientId: application.clientId,
      clientSecret,
    });
    const code = await consentOverSocket(
      oauth.authorizationPath({ redirectUri: CALLBACK, scopes: ["r_liteprofile"], state: "r" }),
      member,
      "r",
    );
    const first = (await oauth.exchangeCode(code, CALLBACK)).json<{
      access_token: string;
      refresh_token: string;
    }>();
    const refreshed = await oauth.refresh(first.refresh_token);
    expect(refreshed.status).toBe(200);
    const second = refreshed.json<{ access_token: string; refresh_token: string }>();
    expect(second.refresh_token).toEqual(expect.any(String));

    const revoked = await oauth.revoke(second.access_token);
    expect(revoked.status).toBe(200);
    expect((await oauth.introspect(second.access_token)).json()).toMatchObject({
      active: false,
      status: "revoked",
    });
  });

  it("OAuth errors come back as RFC 6749 JSON over the wire", async () => {
    const { application } = await world();
    const oauth = oauthClient({
      baseUrl: h.baseUrl,
      style: "js",
      clientId: application.clientId,
      clientSecret: "wrong-secret-000000",
    });
    const res = await oauth.exchangeCode("rgl_ac_nothing", CALLBACK);
    expect(res.status).toBe(401);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      error: "invalid_client_id",
      error_description: "Client authentication failed",
    });
  });
});
