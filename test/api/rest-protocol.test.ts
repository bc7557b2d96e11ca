import { beforeAll, describe, expect, it } from "vitest";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("the /rest protocol on $name", (target) => {
  let token: string;

  const h = useHarness(target);
  beforeAll(async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    token = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: member.id,
    });
  });

  const get = (url: string, headers: Record<string, string>) =>
    h.app.inject({ method: "GET", url, headers });

  it("answers 400 VERSION_MISSING without LinkedIn-Version", async () => {
    const res = await get("/rest/anything", { authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["x-restli-error-response"]).toBe("true");
    expect(res.json()).toEqual({
      status: 400,
      code: "VERSION_MISSING",
      message:
        "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
    });
  });

  it("answers 426 NONEXISTENT_VERSION for a well-formed inactive version", async () => {
    const res = await get("/rest/anything", {
      authorization: `Bearer ${token}`,
      "linkedin-version": "202001",
    });
    expect(res.statusCode).toBe(426);
    expect(res.json()).toEqual({
      status: 426,
      code: "NONEXISTENT_VERSION",
      message: "Requested version 20200101 is not active",
    });
  });

  it("answers 400 for a malformed version", async () => {
    const res = await get("/rest/anything", {
      authorization: `Bearer ${token}`,
      "linkedin-version": "2023-10",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: "VERSION_MALFORMED" });
  });

  it.each(["202310", "20231001", "202310.01"])(
    "accepts version %s and answers a JSON 404 for an unknown resource",
    async (version) => {
      const res = await get("/rest/anything", {
        authorization: `Bearer ${token}`,
        "linkedin-version": version,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        status: 404,
        code: "RESOURCE_NOT_FOUND",
        message: "No virtual resource found",
      });
    },
  );

  it("serves /v2 without a version header", async () => {
    const res = await get("/v2/anything", { authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "RESOURCE_NOT_FOUND" });
  });

  it("serves the same resources on /v2 without a version header", async () => {
    const headers = { authorization: `Bearer ${token}` };
    const onRest = await get("/rest/complianceEvents?q=memberAndApplication", {
      ...headers,
      "linkedin-version": "202310",
    });
    const onV2 = await get("/v2/complianceEvents?q=memberAndApplication", headers);
    expect(onV2.statusCode).toBe(200);
    expect(onV2.json().elements).toEqual(onRest.json().elements);
    const status = await get("/v2/memberComplianceAuthorizations?q=memberAndApplication", headers);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toHaveProperty("elements");
  });

  it("checks authentication before the version", async () => {
    const res = await get("/rest/anything", {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      status: 401,
      serviceErrorCode: 65604,
      code: "EMPTY_ACCESS_TOKEN",
      message: "Empty oauth2_access_token",
    });
  });

  it("distinguishes unknown, expired and revoked tokens", async () => {
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const revoked = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: member.id,
      revoked: true,
    });
    const expired = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: member.id,
      lifetimeMs: -1,
    });
    const cases: Array<[string, number, string]> = [
      ["Bearer nope", 65600, "INVALID_ACCESS_TOKEN"],
      [`Bearer ${revoked}`, 65601, "REVOKED_ACCESS_TOKEN"],
      [`Bearer ${expired}`, 65602, "EXPIRED_ACCESS_TOKEN"],
      ["Bearer ", 65604, "EMPTY_ACCESS_TOKEN"],
    ];
    for (const [authorization, serviceErrorCode, code] of cases) {
      const res = await get("/rest/anything", { authorization, "linkedin-version": "202310" });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, serviceErrorCode, code });
    }
  });

  it("echoes the Rest.li protocol version, 1.0.0 when absent", async () => {
    const v2 = await get("/rest/anything", {
      authorization: `Bearer ${token}`,
      "linkedin-version": "202310",
      "x-restli-protocol-version": "2.0.0",
    });
    expect(v2.headers["x-restli-protocol-version"]).toBe("2.0.0");
    const v1 = await get("/rest/anything", {
      authorization: `Bearer ${token}`,
      "linkedin-version": "202310",
    });
    expect(v1.headers["x-restli-protocol-version"]).toBe("1.0.0");
  });

  it("rejects a malformed protocol version or Rest.li method with 400, after authentication", async () => {
    const bad = await get("/rest/anything", {
      authorization: `Bearer ${token}`,
      "linkedin-version": "202310",
      "x-restli-protocol-version": "banana",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["x-restli-protocol-version"]).toBe("1.0.0");
    const unauthenticated = await get("/rest/anything", { "x-restli-protocol-version": "banana" });
    expect(unauthenticated.statusCode).toBe(401);
    const method = await get("/rest/anything", {
      authorization: `Bearer ${token}`,
      "linkedin-version": "202310",
      "x-restli-method": "explode",
    });
    expect(method.statusCode).toBe(400);
  });

  it("accepts X-RestLi-Method in any case", async () => {
    for (const method of ["finder", "FINDER", "Get_All"]) {
      const res = await get("/rest/anything", {
        authorization: `Bearer ${token}`,
        "linkedin-version": "202310",
        "x-restli-method": method,
      });
      expect(res.statusCode).toBe(404);
    }
  });
});
