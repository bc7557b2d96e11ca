import { describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe("the OpenAPI document", () => {
  const h = useHarness(storeTargets[0]!);

  it("is generated from the route schemas: paths, methods and request bodies", async () => {
    const res = await h.app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const createApp = doc.paths["/sandbox/applications"].post;
    const body = createApp.requestBody.content["application/json"].schema;
    expect(body.required).toContain("name");
    expect(body.properties.redirectUris.type).toBe("array");
    expect(doc.paths["/rest/complianceEvents"].get).toBeDefined();
    expect(doc.paths["/rest/memberComplianceAuthorizations"].post).toBeDefined();
    expect(doc.paths["/oauth/v2/accessToken"].post).toBeDefined();
  });
});
