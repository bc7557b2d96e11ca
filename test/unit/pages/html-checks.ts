import { expect } from "vitest";

/** Text a hostile member, application or caller could put into any field of a page. */
export const HOSTILE = `<script>alert("x")</script>"'><img src=x onerror=alert(1)>&`;
/** How HOSTILE must appear once escaped as text or attribute value. */
export const HOSTILE_ESCAPED =
  "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;";

const VOID_ELEMENTS = new Set(["meta", "input", "br", "img", "link", "hr", "wbr", "source"]);

function withoutStyle(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, "<style></style>");
}

/**
 * A structural check standing in for a validator: one doctype, every non-void element closed
 * in order, ids unique, every visible input labelled, every button with text, every form a POST.
 */
export function expectWellFormed(html: string): void {
  expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
  const markup = withoutStyle(html).slice("<!DOCTYPE html>".length);
  const stack: string[] = [];
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>/g)) {
    const [, closing, rawName] = match;
    const name = rawName!.toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);

  const ids = [...markup.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);

  for (const input of markup.matchAll(/<input\b[^>]*>/g)) {
    if (/type="hidden"/.test(input[0])) continue;
    const id = /\sid="([^"]+)"/.exec(input[0])?.[1];
    expect(id, `visible input ${input[0]} has an id`).toBeDefined();
    expect(markup).toContain(`<label for="${id}">`);
  }
  for (const button of markup.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)) {
    expect(button[1]!.replace(/<[^>]*>/g, "").trim().length).toBeGreaterThan(0);
    expect(button[0]).toMatch(/type="submit"/);
  }
  for (const form of markup.matchAll(/<form\b[^>]*>/g)) expect(form[0]).toMatch(/method="post"/);
  expect(markup).toMatch(/<h1>/);
}

/** Nothing loaded from anywhere: no scripts, stylesheets, images, fonts or frames. */
export function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script\b/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio|source)\b/i);
  expect(html).not.toMatch(/\ssrc=/i);
  expect(html).not.toMatch(/url\(|@import/i);
}

/** With no URL among the inputs, the page names no http(s) URL at all. */
export function expectNoAbsoluteUrls(html: string): void {
  expect(html).not.toMatch(/https?:\/\//i);
}

/** The hostile text appears only escaped, never as markup. */
export function expectEscaped(html: string): void {
  expect(html).not.toContain("<script>");
  expect(html).not.toContain("<img");
  expect(html).toContain(HOSTILE_ESCAPED);
}
