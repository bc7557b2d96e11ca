import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { s256Challenge, verifyPkce } from "../../../src/oauth/pkce.js";

// RFC 7636 Appendix B: the verifier is the base64url of the 32 octets listed there.
const RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/** Verifiers as RFC 7636 §4.1 allows them: 43–128 unreserved characters. */
const verifierArb = fc.stringMatching(/^[A-Za-z0-9._~-]{43,128}$/);

describe("s256Challenge", () => {
  it("computes the RFC 7636 Appendix B challenge from its verifier", () => {
    expect(s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it("derives the Appendix B verifier from the appendix's 32 random octets", () => {
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
      105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    expect(Buffer.from(octets).toString("base64url")).toBe(RFC_VERIFIER);
  });

  it("is 43 base64url characters without padding", () => {
    fc.assert(
      fc.property(verifierArb, (verifier) => {
        expect(s256Challenge(verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }),
    );
  });
});

describe("verifyPkce", () => {
  it("accepts the RFC 7636 Appendix B verifier for its S256 challenge", () => {
    expect(verifyPkce(RFC_VERIFIER, RFC_CHALLENGE, "S256")).toBe(true);
  });

  it("rejects a different verifier for the Appendix B challenge", () => {
    const other = `${RFC_VERIFIER.slice(0, -1)}9`;
    expect(verifyPkce(other, RFC_CHALLENGE, "S256")).toBe(false);
  });

  it("rejects the challenge itself sent as the verifier under S256", () => {
    expect(verifyPkce(RFC_CHALLENGE, RFC_CHALLENGE, "S256")).toBe(false);
  });

  it("accepts any well-formed verifier for its own S256 challenge", () => {
    fc.assert(
      fc.property(verifierArb, (verifier) => {
        expect(verifyPkce(verifier, s256Challenge(verifier), "S256")).toBe(true);
      }),
    );
  });

  it("plain: accepts the verifier equal to the challenge, rejects any other", () => {
    expect(verifyPkce(RFC_VERIFIER, RFC_VERIFIER, "plain")).toBe(true);
    expect(verifyPkce(RFC_VERIFIER, RFC_CHALLENGE, "plain")).toBe(false);
  });

  it("treats a missing method as plain (RFC 7636 §4.3)", () => {
    expect(verifyPkce(RFC_VERIFIER, RFC_VERIFIER, null)).toBe(true);
    expect(verifyPkce(RFC_VERIFIER, RFC_CHALLENGE, null)).toBe(false);
  });

  it.each(["s256", "SHA256", "", "none"])("rejects the unknown method %j", (method) => {
    expect(verifyPkce(RFC_VERIFIER, RFC_CHALLENGE, method)).toBe(false);
    expect(verifyPkce(RFC_VERIFIER, RFC_VERIFIER, method)).toBe(false);
  });

  it("rejects verifiers shorter than 43 or longer than 128 characters, even when they match", () => {
    const short = "a".repeat(42);
    const long = "a".repeat(129);
    expect(verifyPkce(short, s256Challenge(short), "S256")).toBe(false);
    expect(verifyPkce(long, s256Challenge(long), "S256")).toBe(false);
    expect(verifyPkce(short, short, "plain")).toBe(false);
    expect(verifyPkce("a".repeat(43), s256Challenge("a".repeat(43)), "S256")).toBe(true);
    expect(verifyPkce("a".repeat(128), s256Challenge("a".repeat(128)), "S256")).toBe(true);
  });

  it.each([" ", "+", "/", "=", "%", "é"])(
    "rejects a verifier holding %j, outside the unreserved set",
    (ch) => {
      const verifier = `${"a".repeat(42)}${ch}`;
      expect(verifyPkce(verifier, s256Challenge(verifier), "S256")).toBe(false);
      expect(verifyPkce(verifier, verifier, "plain")).toBe(false);
    },
  );

  it("rejects an empty challenge", () => {
    expect(verifyPkce(RFC_VERIFIER, "", "S256")).toBe(false);
  });
});
