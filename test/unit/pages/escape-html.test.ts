import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeAttribute, escapeHtml } from "../../../src/http/pages/escape-html.js";

/** Reverses the escapes, to show nothing is lost. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
  });

  it("escapes an existing entity again, so it shows as typed", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });

  it("leaves ordinary text, including non-ASCII, unchanged", () => {
    expect(escapeHtml("Zoë Müller — Head of Sales")).toBe("Zoë Müller — Head of Sales");
  });

  it("never leaves a raw < > \" ' in its output, and loses nothing", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(decodeEntities(escaped)).toBe(value);
      }),
    );
  });
});

describe("escapeAttribute", () => {
  it("also escapes backticks and line breaks", () => {
    expect(escapeAttribute("a`b\nc\rd\te")).toBe("a&#96;b&#10;c&#13;d&#9;e");
  });

  it("cannot close a double-quoted attribute, and loses nothing", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const escaped = escapeAttribute(value);
        expect(escaped).not.toMatch(/[<>"'`\n\r\t]/);
        expect(decodeEntities(escaped)).toBe(value);
      }),
    );
  });
});
