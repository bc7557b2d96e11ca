import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredOperations } from "../../src/http/openapi/register-openapi.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { formBody } from "../helpers/oauth-flow.js";
import { type ConformanceChecker, conformanceChecker } from "../helpers/openapi-conformance.js";
import { storeTargets } from "../helpers/store-targets.js";

const VERSION = { "linkedin-version": "202310", "x-restli-protocol-version": "2.0.0" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const CALLBACK = "http://localhost:3000/callback";

describe("the OpenAPI document", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(storeTargets[0]!);
  });
  afterAll(async () => h.close());

  it("validates strictly with swagger-parser (OpenAPI 3.1)", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
  });

  it("holds every route Fastify registered, and nothing else", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const registered = registeredOperations(h.app);
    expect(registered.filter((op) => op.hidden)).toEqual([]);
    expect(documented).toEqual(registered.map((op) => `${op.method} ${op.path}`).sort());
    expect(documented).toContain("DELETE /rest/memberComplianceAuthorizations/{key}");
    expect(documented.filter((op) => op.includes("*"))).toEqual([]);
  });

  it("gives every operation a summary, tags, its security and documented statuses", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
      for (const [method, op] of Object.entries(item as Record<string, Record<string, unknown>>)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.summary, where).toEqual(expect.any(String));
        expect(op.security, where).toBeDefined();
        const security = JSON.stringify(op.security);
        if (path.startsWith("/rest/") || path.startsWith("/v2/")) {
          expect(security, where).toBe('[{"memberToken":[]}]');
        } else if (path.startsWith("/sandbox/")) {
          expect(security, where).toBe('[{"adminKey":[]}]');
        } else if (/^\/oauth\/v2\/(accessToken|introspectToken|revoke)$/.test(path)) {
          // Client credentials travel in the form body, which no security scheme describes.
          expect(security, where).toBe("[]");
          const form = (op.requestBody as { content: Record<string, { schema: object }> }).content[
            "application/x-www-form-urlencoded"
          ];
          expect(JSON.stringify(form?.schema), where).toContain("client_secret");
        }
        expect(Object.keys(op.responses as object).length, where).toBeGreaterThan(0);
      }
    }
    const events = doc.paths["/rest/complianceEvents"].get;
    expect(events.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      [
        "LinkedIn-Version",
        "X-RestLi-Method",
        "X-RestLi-Protocol-Version",
        "count",
        "endTime",
        "fields",
        "q",
        "start",
        "startTime",
      ].sort(),
    );
    const optIn = doc.paths["/rest/memberComplianceAuthorizations"].post.responses;
    expect(Object.keys(optIn)).toContain("201");
    expect(Object.keys(optIn)).not.toContain("200");
    expect(Object.keys(optIn["201"].headers)).toEqual(
      expect.arrayContaining(["x-restli-id", "Location", "X-RestLi-Protocol-Version"]),
    );
    expect(Object.keys(optIn["429"].headers)).toContain("Retry-After");
    // Every operation says what it does, beyond its summary.
    const undescribed = Object.entries(doc.paths as Record<string, Record<string, object>>)
      .flatMap(([path, item]) => Object.entries(item).map(([m, op]) => [`${m} ${path}`, op]))
      .filter(([, op]) => !(op as { description?: string }).description)
      .map(([where]) => where);
    expect(undescribed).toEqual([]);
  });
});

describe.each(storeTargets)("every answer of an archiver's run on $name", (target) => {
  let h: Harness;
  let api: ConformanceChecker;
  beforeAll(async () => {
    h = await startHarness(target);
    await h.services.clock.freeze(true);
    api = await conformanceChecker(h.app);
  });
  afterAll(async () => h.close());

  const admin = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    api.inject({
      method,
      url,
      headers: { authorization: h.admin.authorization },
      ...(payload === undefined ? {} : { payload }),
    });
  const rest = (method: "GET" | "POST" | "DELETE", url: string, token: string, payload?: object) =>
    api.inject({
      method,
      url,
      headers: { ...VERSION, authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(payload === undefined ? {} : { payload }),
    });
  const oauth = (endpoint: string, fields: Record<string, string>) =>
    api.inject({
      method: "POST",
      url: `/oauth/v2/${endpoint}`,
      headers: FORM,
      payload: formBody(fields),
    });

  it("matches its documented status, headers and schema", async () => {
    // The server itself and the pages.
    for (const url of [
      "/openapi.json",
      "/docs",
      "/healthz",
      "/readyz",
      "/",
      "/callback?code=c1&state=s",
    ]) {
      expect((await api.inject({ method: "GET", url })).statusCode, url).toBe(200);
    }
    expect((await api.inject({ method: "GET", url: "/callback" })).statusCode).toBe(400);
    expect((await api.inject({ method: "GET", url: "/console" })).statusCode).toBe(301);

    // Set up a world through the control plane.
    expect((await api.inject({ method: "GET", url: "/sandbox/members" })).statusCode).toBe(401);
    const created = await admin("POST", "/sandbox/applications", {
      name: "Contract Archiver",
      redirectUris: [CALLBACK],
      clientCredentials: true,
    });
    expect(created.statusCode).toBe(201);
    const app = created.json();
    const ada = (await admin("POST", "/sandbox/members", { firstName: "Ada" })).json();
    const bob = (await admin("POST", "/sandbox/members", { firstName: "Bob" })).json();
    expect((await admin("GET", "/sandbox/applications")).statusCode).toBe(200);
    expect((await admin("GET", `/sandbox/applications/${app.id}`)).statusCode).toBe(200);
    expect((await admin("GET", "/sandbox/applications/999999")).statusCode).toBe(404);
    expect((await admin("POST", "/sandbox/members", { firstName: "" })).statusCode).toBe(400);

    // OAuth: a code through the control plane, exchanged at the token endpoint.
    const code = await admin("POST", `/sandbox/members/${ada.id}/authorization-codes`, {
      application: app.id,
      redirectUri: CALLBACK,
    });
    expect(code.statusCode).toBe(201);
    const exchanged = await oauth("accessToken", {
      grant_type: "authorization_code",
      code: code.json().code,
      redirect_uri: CALLBACK,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    expect(exchanged.statusCode).toBe(200);
    const adaToken: string = exchanged.json().access_token;
    const bobToken = (
      await admin("POST", `/sandbox/members/${bob.id}/tokens`, { application: app.id })
    ).json().access_token as string;
    const appToken = (
      await oauth("accessToken", {
        grant_type: "client_credentials",
        client_id: app.clientId,
        client_secret: app.clientSecret,
      })
    ).json().access_token as string;
    expect(
      (await oauth("accessToken", { grant_type: "client_credentials", client_id: app.clientId }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await oauth("accessToken", {
          grant_type: "client_credentials",
          client_id: app.clientId,
          client_secret: "wrong-secret-0123456789",
        })
      ).statusCode,
    ).toBe(401);

    // Opt in, status in all three forms.
    for (const token of [adaToken, bobToken]) {
      const optIn = await rest("POST", "/rest/memberComplianceAuthorizations", token, {});
      expect(optIn.statusCode).toBe(201);
    }
    expect(
      (await rest("POST", "/rest/memberComplianceAuthorizations", appToken, {})).statusCode,
    ).toBe(403);
    for (const query of ["", "?q=member", "?q=memberAndApplication"]) {
      const status = await rest("GET", `/rest/memberComplianceAuthorizations${query}`, adaToken);
      expect(status.statusCode).toBe(200);
      expect(status.json().elements).toHaveLength(1);
    }
    expect((await rest("GET", "/v2/memberComplianceAuthorizations", adaToken)).statusCode).toBe(
      200,
    );

    // Messages through the control plane: captured for both regulated members.
    const first = await admin("POST", "/sandbox/messages", {
      from: ada.urn,
      to: [bob.urn],
      text: "Hello",
      attachments: [{ name: "deck.pdf", mediaType: "application/pdf", byteSize: 4 }],
    });
    expect(first.statusCode).toBe(201);
    const batch = await admin("POST", "/sandbox/messages:batch", {
      messages: [1, 2, 3, 4].map((n) => ({
        from: n % 2 ? bob.urn : ada.urn,
        thread: first.json().thread,
        text: `Reply ${n}`,
      })),
    });
    expect(batch.statusCode).toBe(201);
    expect((await admin("GET", `/sandbox/threads?member=${ada.id}`)).statusCode).toBe(200);
    expect((await admin("GET", `/sandbox/threads/${first.json().thread}`)).statusCode).toBe(200);

    // Page the events as an archiver does: start/count until a short page.
    let start = 0;
    let seen = 0;
    for (;;) {
      const page = await rest(
        "GET",
        `/rest/complianceEvents?q=memberAndApplication&startTime=0&start=${start}&count=2`,
        adaToken,
      );
      expect(page.statusCode).toBe(200);
      seen += page.json().elements.length;
      if (page.json().elements.length < 2) break;
      start += 2;
    }
    expect(seen).toBe(5);
    const projected = await rest(
      "GET",
      "/rest/complianceEvents?q=memberAndApplication&fields=id,processedAt",
      bobToken,
    );
    expect(Object.keys(projected.json().elements[0]).sort()).toEqual(["id", "processedAt"]);
    expect(
      (await rest("GET", "/v2/complianceEvents?q=memberAndApplication", bobToken)).statusCode,
    ).toBe(200);

    // The /rest errors, in LinkedIn's order of checks.
    const bare = await api.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
    });
    expect(bare.statusCode).toBe(401);
    const unversioned = await api.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
      headers: { authorization: `Bearer ${adaToken}` },
    });
    expect(unversioned.statusCode).toBe(400);
    const inactive = await api.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
      headers: { authorization: `Bearer ${adaToken}`, "linkedin-version": "202001" },
    });
    expect(inactive.statusCode).toBe(426);
    expect((await rest("GET", "/rest/complianceEvents?q=thread", adaToken)).statusCode).toBe(404);
    expect((await rest("GET", "/rest/complianceEvents", adaToken)).statusCode).toBe(404);
    expect(
      (await rest("GET", "/rest/complianceEvents?q=memberAndApplication", appToken)).statusCode,
    ).toBe(403);
    expect(
      (await rest("GET", "/rest/complianceEvents?q=memberAndApplication&count=500", adaToken))
        .statusCode,
    ).toBe(400);

    // The control plane's views of the same world.
    expect((await admin("GET", `/sandbox/members/${ada.id}`)).statusCode).toBe(200);
    expect(
      (await admin("GET", `/sandbox/events?application=${app.id}&member=${ada.id}`)).statusCode,
    ).toBe(200);
    expect(
      (await admin("GET", `/sandbox/events?application=${app.id}&member=${ada.id}&start=0&limit=2`))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin("GET", `/sandbox/coverage?application=${app.id}&events=true`)).statusCode,
    ).toBe(200);
    expect((await admin("GET", "/sandbox/coverage/requests?limit=10")).statusCode).toBe(200);
    expect((await admin("GET", "/sandbox/requests?limit=5")).statusCode).toBe(200);
    expect((await admin("GET", "/sandbox/clock")).statusCode).toBe(200);
    expect((await admin("POST", "/sandbox/clock", { advanceMs: 1000 })).statusCode).toBe(200);
    expect((await admin("POST", "/sandbox/clock", { setTo: 0 })).statusCode).toBe(409);

    // Faults: a scheduled 503 on the events API, then removed.
    const fault = await admin("POST", "/sandbox/faults", {
      match: { path: "/rest/complianceEvents" },
      respond: { status: 503, retryAfter: 1 },
      probability: 0.5,
      seed: 7,
    });
    expect(fault.statusCode).toBe(201);
    expect((await admin("GET", "/sandbox/faults")).statusCode).toBe(200);
    expect((await admin("DELETE", `/sandbox/faults/${fault.json().id}`)).statusCode).toBe(204);
    expect((await admin("DELETE", `/sandbox/faults/${fault.json().id}`)).statusCode).toBe(404);

    // Introspection and revocation.
    const fields = { client_id: app.clientId, client_secret: app.clientSecret };
    const active = await oauth("introspectToken", { ...fields, token: adaToken });
    expect(active.json()).toMatchObject({ active: true, status: "active" });
    expect((await oauth("introspectToken", { ...fields, token: "nope" })).json()).toEqual({
      active: false,
    });
    expect(
      (
        await oauth("introspectToken", {
          client_id: "unknown-client",
          client_secret: "x",
          token: "t",
        })
      ).statusCode,
    ).toBe(400);
    expect((await oauth("revoke", { ...fields, token: bobToken })).statusCode).toBe(200);
    expect((await oauth("introspectToken", { ...fields, token: bobToken })).json()).toMatchObject({
      active: false,
      status: "revoked",
    });
    expect((await rest("GET", "/rest/memberComplianceAuthorizations", bobToken)).statusCode).toBe(
      401,
    );

    // Opt out by compound key, in both Rest.li syntaxes.
    const key2 = `(developerApplication:urn%3Ali%3AdeveloperApplication%3A${app.id},member:urn%3Ali%3Aperson%3A${ada.id})`;
    expect(
      (await rest("DELETE", `/rest/memberComplianceAuthorizations/${key2}`, adaToken)).statusCode,
    ).toBe(204);
    expect(
      (await rest("DELETE", `/rest/memberComplianceAuthorizations/${key2}`, adaToken)).statusCode,
    ).toBe(404);
    const key1 = `developerApplication=urn:li:developerApplication:${app.id}&member=urn:li:person:${bob.id}`;
    expect(
      (await rest("DELETE", `/v2/memberComplianceAuthorizations/${key1}`, appToken)).statusCode,
    ).toBe(204);
    expect(
      (await rest("DELETE", "/rest/memberComplianceAuthorizations/(nonsense)", appToken))
        .statusCode,
    ).toBe(400);
    const other = `(developerApplication:urn%3Ali%3AdeveloperApplication%3A1,member:urn%3Ali%3Aperson%3A${ada.id})`;
    expect(
      (await rest("DELETE", `/rest/memberComplianceAuthorizations/${other}`, appToken)).statusCode,
    ).toBe(403);

    // The member's pages, signed out.
    const authorize = `/oauth/v2/authorization?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=r_compliance_sales_nav&state=s`;
    expect((await api.inject({ method: "GET", url: authorize })).statusCode).toBe(200);
    expect(
      (
        await api.inject({
          method: "GET",
          url: "/oauth/v2/authorization?response_type=code&client_id=nobody&redirect_uri=x&scope=a",
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await api.inject({
          method: "POST",
          url: "/oauth/v2/login",
          headers: FORM,
          payload: "member_id=x",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await api.inject({ method: "GET", url: "/psettings/permitted-services" })).statusCode,
    ).toBe(200);
    expect(
      (
        await api.inject({
          method: "POST",
          url: "/psettings/permitted-services/remove",
          headers: FORM,
          payload: "app_id=1",
        })
      ).statusCode,
    ).toBe(401);

    // Administration: authorizations, grants, secrets, snapshots, export, import, reset.
    expect(
      (await admin("POST", "/sandbox/authorizations", { application: app.id, member: ada.id }))
        .statusCode,
    ).toBe(201);
    expect((await admin("DELETE", `/sandbox/authorizations/${app.id}/${ada.id}`)).statusCode).toBe(
      204,
    );
    expect((await admin("DELETE", `/sandbox/authorizations/${app.id}/${ada.id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await admin("DELETE", `/sandbox/members/${ada.id}/permitted-applications/${app.id}`))
        .statusCode,
    ).toBe(204);
    expect((await admin("POST", `/sandbox/applications/${app.id}/secret`)).statusCode).toBe(201);
    expect((await admin("POST", "/sandbox/snapshots", { name: "before" })).statusCode).toBe(201);
    expect((await admin("POST", "/sandbox/snapshots", { name: "before" })).statusCode).toBe(409);
    expect((await admin("GET", "/sandbox/snapshots")).statusCode).toBe(200);
    expect((await admin("POST", "/sandbox/snapshots/before/restore")).statusCode).toBe(200);
    expect((await admin("DELETE", "/sandbox/snapshots/before")).statusCode).toBe(204);
    expect((await admin("POST", "/sandbox/snapshots/before/restore")).statusCode).toBe(404);
    const exported = await admin("GET", "/sandbox/export");
    expect(exported.statusCode).toBe(200);
    expect((await admin("POST", "/sandbox/import", exported.json())).statusCode).toBe(200);
    expect((await admin("DELETE", `/sandbox/applications/${app.id}`)).statusCode).toBe(204);
    expect((await admin("POST", "/sandbox/reset")).statusCode).toBe(200);

    expect(api.nonconformities).toEqual([]);
    // The run reached most of the document: every operation but the consent form's post.
    const operations = new Set(
      [...api.checked].map((entry) => entry.split(" ").slice(0, 2).join(" ")),
    );
    expect(operations.size).toBeGreaterThanOrEqual(52);
  });

  it("documents the quota's 429 with its Retry-After", async () => {
    const limited = await startHarness(target, { env: { REGULA_QUOTA_MEMBER_PER_DAY: "1" } });
    try {
      const checker = await conformanceChecker(limited.app);
      const created = await limited.app.inject({
        method: "POST",
        url: "/sandbox/applications",
        headers: { authorization: limited.admin.authorization },
        payload: { name: "Quota", redirectUris: [CALLBACK] },
      });
      const member = await limited.app.inject({
        method: "POST",
        url: "/sandbox/members",
        headers: { authorization: limited.admin.authorization },
        payload: { firstName: "Quinn" },
      });
      const token = await limited.app.inject({
        method: "POST",
        url: `/sandbox/members/${member.json().id}/tokens`,
        headers: { authorization: limited.admin.authorization },
        payload: { application: created.json().id },
      });
      const call = () =>
        checker.inject({
          method: "GET",
          url: "/rest/complianceEvents?q=memberAndApplication",
          headers: { ...VERSION, authorization: `Bearer ${token.json().access_token}` },
        });
      expect((await call()).statusCode).toBe(200);
      expect((await call()).statusCode).toBe(429);
      expect(checker.nonconformities).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
