import { describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("error bodies on $name", (target) => {
  const h = useHarness(target, { env: { REGULA_BODY_LIMIT_BYTES: "2048" } });

  it("answers a JSON 404 for an unknown path outside /rest", async () => {
    const res = await h.app.inject({ method: "GET", url: "/nowhere" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ status: 404, code: "NOT_FOUND", message: "Not found" });
  });

  it("answers 405 with Allow for a known path and the wrong method", async () => {
    const res = await h.app.inject({ method: "PUT", url: "/sandbox/clock", headers: h.admin });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain("GET");
    expect(res.json()).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
  });

  it("answers 400 MALFORMED_JSON for a broken JSON body and changes nothing", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: { ...h.admin, "content-type": "application/json" },
      payload: '{"firstName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: "MALFORMED_JSON" });
    expect(await h.services.store.members.list()).toEqual([]);
  });

  it("rejects prototype-poisoning keys in JSON bodies", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: { ...h.admin, "content-type": "application/json" },
      payload: '{"firstName":"x","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
  });

  it("answers 415 for an unsupported content type", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: { ...h.admin, "content-type": "text/xml" },
      payload: "<member/>",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("answers 413 for a body over the limit", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: { ...h.admin, "content-type": "application/json" },
      payload: JSON.stringify({ firstName: "x".repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("answers schema violations in LinkedIn's validation form", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/sandbox/members",
      headers: h.admin,
      payload: { lastName: "x" },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.message).toBe("Invalid param. Please see errorDetails for more information.");
    expect(body.errorDetails.inputErrors[0].input.inputPath.fieldPath).toBe("firstName");
  });
});
