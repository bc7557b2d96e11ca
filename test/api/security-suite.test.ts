import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { authorizationKey, optIn, restHeaders, sendMessage } from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { formBody } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * The security suite every protected route runs, in the manner of unkey's common route
 * tests. Routes are enumerated from the app's own OpenAPI document, so a new operation that
 * declares `security` is covered at once, and one with no entry here fails the suite.
 * Each route's bad credentials must change nothing: the world's export is compared.
 */

const MEMBER_TOKEN_401: Record<string, [string, object]> = {
  missing: ["", { serviceErrorCode: 65604, code: "EMPTY_ACCESS_TOKEN" }],
  empty: ["Bearer ", { serviceErrorCode: 65604, code: "EMPTY_ACCESS_TOKEN" }],
  malformed: ["Basic dXNlcjpwYXNz", { status: 401 }],
  invalid: ["Bearer rgl_at_unknown", { serviceErrorCode: 65600, code: "INVALID_ACCESS_TOKEN" }],
  expired: ["expired", { serviceErrorCode: 65602, code: "EXPIRED_ACCESS_TOKEN" }],
  revoked: ["revoked", { serviceErrorCode: 65601, code: "REVOKED_ACCESS_TOKEN" }],
};

const ADMIN_401: Record<string, string> = {
  missing: "",
  empty: "Bearer ",
  malformed: "Basic dGVzdC1hZG1pbg==",
  wrong: "Bearer not-the-admin-key-0123456789",
  "member token": "member",
};

/** Operations that take no credentials at all, or a web session handled by its own tests. */
const UNPROTECTED =
  /^(GET|POST) \/(openapi\.json|healthz|readyz|metrics|callback|docs|console.*|psettings.*|oauth\/v2\/(authorization|login))?$/;

/** `/oauth/v2` endpoints authenticating the client by id and secret in the form. */
const CLIENT_CREDENTIAL_ENDPOINTS = ["accessToken", "introspectToken", "revoke"];

describe.each(storeTargets)("security suite on $name", (target) => {
  const operations: Array<{ method: string; path: string; scheme: string | null }> = [];
  const w = {} as {
    appA: string;
    clientIdA: string;
    appB: string;
    secretA: string;
    memberX: string;
    memberY: string;
    tokAX: string;
    tokAY: string;
    tokBX: string;
    appTokA: string;
    appTokB: string;
    expired: string;
    revoked: string;
  };
  let address = 0;

  const h = useHarness(target, { seed: null, frozen: true });
  beforeAll(async () => {
    const a = await createTestApplication(h.services);
    const b = await createTestApplication(h.services);
    const x = await createTestMember(h.services);
    const y = await createTestMember(h.services);
    const token = (applicationId: string, memberId: string | null, more = {}) =>
      insertTestToken(h.services, { applicationId, memberId, ...more });
    Object.assign(w, {
      appA: a.application.id,
      clientIdA: a.application.clientId,
      appB: b.application.id,
      secretA: a.clientSecret,
      memberX: x.id,
      memberY: y.id,
      tokAX: await token(a.application.id, x.id),
      tokAY: await token(a.application.id, y.id),
      tokBX: await token(b.application.id, x.id),
      appTokA: await token(a.application.id, null),
      appTokB: await token(b.application.id, null),
      revoked: await token(a.application.id, x.id, { revoked: true }),
      expired: await token(a.application.id, x.id, { lifetimeMs: 1 }),
    });
    await h.services.clock.advance(1);
    for (const t of [w.tokAX, w.tokAY, w.tokBX])
      expect((await optIn(h.app, t)).statusCode).toBe(201);
    await sendMessage(h.app, {
      from: `urn:li:person:${x.id}`,
      to: [`urn:li:person:${y.id}`],
      text: "between X and Y",
    });
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const [path, ops] of Object.entries<Record<string, { security?: object[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const scheme = Object.keys(op.security?.[0] ?? {})[0] ?? null;
        operations.push({ method: method.toUpperCase(), path, scheme });
      }
    }
  });

  const exportWorld = async () =>
    (await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin })).body;

  /** A concrete URL for an operation, its path parameters filled from the world. */
  const urlOf = (path: string) =>
    path
      .replace("{key}", authorizationKey(w.appA, w.memberX))
      .replace("{applicationId}", w.appA)
      .replace("{memberId}", w.memberX)
      .replace("/applications/{id}", `/applications/${w.appA}`)
      .replace("{id}", w.memberX)
      .replace("{name}", "snapshot-1")
      .replace(/complianceEvents$/, "complianceEvents?q=memberAndApplication");

  const call = (method: string, path: string, authorization: string, extra = {}) => {
    address += 1;
    return h.app.inject({
      method: method as "GET",
      url: urlOf(path),
      remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
      headers: {
        "linkedin-version": "202310",
        "content-type": "application/json",
        ...(authorization ? { authorization } : {}),
        ...extra,
      },
      ...(method === "POST" ? { payload: "{}" } : {}),
    });
  };

  const expectLinkedInError = (
    res: LightMyRequestResponse,
    status: number,
    fields: object = {},
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["x-restli-error-response"]).toBe("true");
    expect(res.json()).toMatchObject({ status, message: expect.any(String), ...fields });
  };

  it("every operation is either protected by a known scheme or listed as public", () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      const known =
        op.scheme === "memberToken" ||
        op.scheme === "adminKey" ||
        (op.path.startsWith("/oauth/v2/") &&
          CLIENT_CREDENTIAL_ENDPOINTS.includes(op.path.slice(10))) ||
        UNPROTECTED.test(name);
      expect(known, `${name} has no entry in the security suite`).toBe(true);
      if (
        op.path.startsWith("/rest") ||
        op.path.startsWith("/v2") ||
        op.path.startsWith("/sandbox")
      )
        expect(op.scheme, `${name} declares no security`).not.toBeNull();
    }
  });

  it("member-token operations: 401 for missing/empty/malformed/invalid/expired/revoked, state unchanged", async () => {
    const ops = operations.filter((op) => op.scheme === "memberToken");
    expect(ops.length).toBeGreaterThanOrEqual(8);
    for (const op of ops) {
      const before = await exportWorld();
      for (const [name, [auth, body]] of Object.entries(MEMBER_TOKEN_401)) {
        const header =
          auth === "expired"
            ? `Bearer ${w.expired}`
            : auth === "revoked"
              ? `Bearer ${w.revoked}`
              : auth;
        const res = await call(op.method, op.path, header);
        expect(res.statusCode, `${op.method} ${op.path} ${name}`).toBe(401);
        expectLinkedInError(res, 401, body);
      }
      expect(await exportWorld(), `${op.method} ${op.path} changed the world`).toBe(before);
    }
  });

  it("an application token where a member token is needed: 403, state unchanged", async () => {
    const ops = operations.filter((op) => op.scheme === "memberToken" && op.method !== "DELETE");
    for (const op of ops) {
      const before = await exportWorld();
      expectLinkedInError(await call(op.method, op.path, `Bearer ${w.appTokA}`), 403, {
        serviceErrorCode: 100,
        code: "ACCESS_DENIED",
      });
      expect(await exportWorld()).toBe(before);
    }
  });

  it("another application's or member's data: 403 for its key, only one's own on reads", async () => {
    const before = await exportWorld();
    for (const prefix of ["/rest", "/v2"]) {
      const path = `${prefix}/memberComplianceAuthorizations/{key}`;
      for (const token of [w.tokBX, w.appTokB, w.tokAY]) {
        const res = await call("DELETE", path, `Bearer ${token}`);
        expectLinkedInError(res, 403, { code: "ACCESS_DENIED" });
      }
    }
    expect(await exportWorld()).toBe(before);
    const events = await h.app.inject({
      method: "GET",
      url: "/rest/complianceEvents?q=memberAndApplication",
      headers: restHeaders(w.tokBX),
    });
    expect(events.statusCode).toBe(200);
    const elements = events.json().elements as Array<{ owner: string }>;
    expect(elements.length).toBeGreaterThan(0);
    for (const e of elements) expect(e.owner).toBe(`urn:li:person:${w.memberX}`);
    const status = await h.app.inject({
      method: "GET",
      url: "/rest/memberComplianceAuthorizations",
      headers: restHeaders(w.tokAY),
    });
    const keys = status
      .json()
      .elements.map(
        (e: { memberComplianceAuthorizationKey: object }) => e.memberComplianceAuthorizationKey,
      );
    expect(keys).toEqual([
      {
        developerApplication: `urn:li:developerApplication:${w.appA}`,
        member: `urn:li:person:${w.memberY}`,
      },
    ]);
  });

  it("control-plane operations: 401 for a missing, malformed or wrong admin key, state unchanged", async () => {
    const ops = operations.filter((op) => op.scheme === "adminKey");
    expect(ops.length).toBeGreaterThanOrEqual(30);
    const before = await exportWorld();
    for (const op of ops) {
      for (const [name, auth] of Object.entries(ADMIN_401)) {
        const header = auth === "member" ? `Bearer ${w.tokAX}` : auth;
        const res = await call(op.method, op.path, header);
        expect(res.statusCode, `${op.method} ${op.path} ${name}`).toBe(401);
        expectLinkedInError(res, 401, { code: "ADMIN_KEY_REQUIRED" });
      }
    }
    expect(await exportWorld()).toBe(before);
  });

  it.each(CLIENT_CREDENTIAL_ENDPOINTS)(
    "/oauth/v2/%s: a wrong client secret is 401, state unchanged",
    async (endpoint) => {
      const before = await exportWorld();
      address += 1;
      const res = await h.app.inject({
        method: "POST",
        url: `/oauth/v2/${endpoint}`,
        remoteAddress: `10.200.0.${address & 255}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formBody({
          grant_type: "client_credentials",
          client_id: w.clientIdA,
          client_secret: "wrong",
          token: w.tokAX,
        }),
      });
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({
        error: expect.any(String),
        error_description: expect.any(String),
      });
      expect(await exportWorld()).toBe(before);
    },
  );
});
