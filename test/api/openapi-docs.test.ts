import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/http/pages/escape-html.js";
import { PAGE_CONTENT_SECURITY_POLICY } from "../../src/http/pages/layout.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe("/docs", () => {
  const h = useHarness(storeTargets[0]!);

  it("renders every operation of the document with its parameters and responses", async () => {
    const res = await h.app.inject({ method: "GET", url: "/docs" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) {
        expect(res.body).toContain(`<code>${method.toUpperCase()} ${escapeHtml(path)}</code>`);
        operations += 1;
      }
    }
    expect(operations).toBeGreaterThan(50);
    // The events finder's parameters and the opt-in's real status are on the page.
    for (const name of ["startTime", "endTime", "count", "fields", "LinkedIn-Version"]) {
      expect(res.body).toContain(`<code>${name}</code>`);
    }
    expect(res.body).toContain("<strong>201</strong> Opted in; no body");
  });

  it("loads nothing from anywhere: the pages' CSP, no scripts, no external links", async () => {
    const res = await h.app.inject({ method: "GET", url: "/docs" });
    expect(res.headers["content-security-policy"]).toBe(PAGE_CONTENT_SECURITY_POLICY);
    expect(res.body).not.toMatch(/<script|<link|<img|src=/i);
    expect(res.body).not.toMatch(/href="https?:/i);
  });

  it("is linked from the landing page", async () => {
    const res = await h.app.inject({ method: "GET", url: "/" });
    expect(res.body).toContain('<a href="/docs">API documentation</a>');
  });
});
