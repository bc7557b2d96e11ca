import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PAGE_CONTENT_SECURITY_POLICY, renderPage } from "../../../src/http/pages/layout.js";
import {
  expectNoAbsoluteUrls,
  expectSelfContained,
  expectWellFormed,
  HOSTILE,
} from "./html-checks.js";

describe("renderPage", () => {
  const html = renderPage({ title: "Sign in", body: "<h1>Sign in</h1>" });

  it("is a whole HTML5 document in English with a viewport", () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>Sign in · Regula</title>");
    expectWellFormed(html);
  });

  it('carries the header "Regula — LinkedIn sandbox" and the body inside <main>', () => {
    expect(html).toMatch(/<header[^>]*>.*Regula — LinkedIn sandbox.*<\/header>/);
    expect(html).toMatch(/<main id="main">\s*<h1>Sign in<\/h1>\s*<\/main>/);
  });

  it("loads nothing: one inline stylesheet, no URL anywhere", () => {
    expect(html.match(/<style>/g)).toHaveLength(1);
    expectSelfContained(html);
    expectNoAbsoluteUrls(html);
  });

  it("styles a visible focus ring for keyboard users", () => {
    expect(html).toMatch(/:focus-visible\{outline:3px solid/);
  });

  it("escapes the title", () => {
    const page = renderPage({ title: HOSTILE, body: "<h1>x</h1>" });
    expect(page).not.toContain("<script>");
    expect(page).toContain("<title>&lt;script&gt;");
  });

  it("allows the inline stylesheet in its CSP by the stylesheet's exact hash, and nothing else", () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(style, "utf8").digest("base64");
    expect(PAGE_CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(PAGE_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(PAGE_CONTENT_SECURITY_POLICY).not.toContain("form-action");
  });
});
