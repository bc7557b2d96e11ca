import { describe, expect, it } from "vitest";
import { renderErrorPage } from "../../../src/http/pages/error-page.js";
import {
  expectEscaped,
  expectNoAbsoluteUrls,
  expectSelfContained,
  expectWellFormed,
  HOSTILE,
} from "./html-checks.js";

describe("renderErrorPage", () => {
  const html = renderErrorPage({
    title: "Invalid redirect URI",
    message: "The redirect_uri does not match the registered value",
  });

  it("is a well-formed, self-contained page", () => {
    expectWellFormed(html);
    expectSelfContained(html);
    expectNoAbsoluteUrls(html);
  });

  it("shows the title as the heading and the message as an alert", () => {
    expect(html).toContain("<h1>Invalid redirect URI</h1>");
    expect(html).toContain(
      '<p role="alert">The redirect_uri does not match the registered value</p>',
    );
    expect(html).toContain("<title>Invalid redirect URI · Regula</title>");
  });

  it("offers no form and no redirect", () => {
    expect(html).not.toContain("<form");
    expect(html).not.toMatch(/http-equiv="refresh"/i);
  });

  it("escapes the title and the message", () => {
    const hostile = renderErrorPage({ title: HOSTILE, message: HOSTILE });
    expectEscaped(hostile);
    expectWellFormed(hostile);
    expect(hostile.split("&lt;script&gt;").length - 1).toBe(3);
  });
});
