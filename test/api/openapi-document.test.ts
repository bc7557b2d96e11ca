import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { registeredOperations } from "../../src/http/openapi/register-openapi.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe("the OpenAPI document", () => {
  const h = useHarness(storeTargets[0]!);

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
