import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCsrfToken, verifyCsrfToken } from "../../../src/oauth/csrf.js";
import { generateSecret } from "../../../src/secrets.js";

describe("CSRF tokens", () => {
  const session = generateSecret();

  it("is the base64url HMAC-SHA256 of the purpose under the session secret", () => {
    expect(createCsrfToken("key", "consent")).toBe(
      createHmac("sha256", "key").update("consent").digest("base64url"),
    );
    expect(createCsrfToken(session, "consent")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is the same for the same session and purpose, so nothing needs storing", () => {
    expect(createCsrfToken(session, "consent")).toBe(createCsrfToken(session, "consent"));
  });

  it("verifies the token made for the same session and purpose", () => {
    expect(verifyCsrfToken(session, "consent", createCsrfToken(session, "consent"))).toBe(true);
  });

  it("rejects another session's token", () => {
    const other = generateSecret();
    expect(verifyCsrfToken(session, "consent", createCsrfToken(other, "consent"))).toBe(false);
  });

  it("rejects this session's token made for another form", () => {
    expect(verifyCsrfToken(session, "remove-app", createCsrfToken(session, "consent"))).toBe(false);
  });

  it.each([undefined, null, "", "x", "not-a-token"])("rejects the token %j", (token) => {
    expect(verifyCsrfToken(session, "consent", token)).toBe(false);
  });

  it("rejects any token with an empty session secret, and refuses to make one", () => {
    expect(verifyCsrfToken("", "consent", "anything")).toBe(false);
    expect(() => createCsrfToken("", "consent")).toThrow();
  });

  it("never verifies a token altered in any way", () => {
    const token = createCsrfToken(session, "consent");
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), (tampered) => {
        fc.pre(tampered !== token);
        expect(verifyCsrfToken(session, "consent", tampered)).toBe(false);
      }),
    );
  });
});
