import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateClientId, generateMemberId, generateNumericId } from "../../src/random-ids.js";
import {
  ACCESS_TOKEN_PREFIX,
  ADMIN_KEY_PREFIX,
  AUTHORIZATION_CODE_PREFIX,
  CLIENT_SECRET_PREFIX,
  generateSecret,
  hashSecret,
  REFRESH_TOKEN_PREFIX,
  secretsEqual,
} from "../../src/secrets.js";

describe("generateSecret", () => {
  it("carries 256 random bits as 43 base64url characters after the prefix", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
  });

  it.each([
    ACCESS_TOKEN_PREFIX,
    CLIENT_SECRET_PREFIX,
    AUTHORIZATION_CODE_PREFIX,
    REFRESH_TOKEN_PREFIX,
    ADMIN_KEY_PREFIX,
  ])("starts with the readable prefix %s and keeps the full 256 bits after it", (prefix) => {
    const secret = generateSecret(prefix);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(secret.slice(prefix.length)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("gives distinct prefixes to distinct kinds of credential", () => {
    const prefixes = [
      ACCESS_TOKEN_PREFIX,
      CLIENT_SECRET_PREFIX,
      AUTHORIZATION_CODE_PREFIX,
      REFRESH_TOKEN_PREFIX,
      ADMIN_KEY_PREFIX,
    ];
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("never repeats a value across 10,000 draws", () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => generateSecret()));
    expect(seen.size).toBe(10_000);
  });
});

describe("hashSecret", () => {
  it("is SHA-256 hex: the well-known digest of 'abc'", () => {
    expect(hashSecret("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("is deterministic, 64 hex characters and never equal to its input", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const hash = hashSecret(value);
        expect(hash).toBe(hashSecret(value));
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).not.toBe(value);
      }),
    );
  });

  it("gives different hashes for different secrets", () => {
    expect(hashSecret(generateSecret())).not.toBe(hashSecret(generateSecret()));
  });
});

describe("secretsEqual", () => {
  it("is true for equal strings", () => {
    const secret = generateSecret(ACCESS_TOKEN_PREFIX);
    expect(secretsEqual(secret, `${secret}`)).toBe(true);
    expect(secretsEqual("", "")).toBe(true);
  });

  it("is false for strings that differ in one character", () => {
    expect(secretsEqual("rgl_at_abcdef", "rgl_at_abcdeg")).toBe(false);
  });

  it("is false, without throwing, for strings of different lengths", () => {
    expect(secretsEqual("short", "a much longer secret value")).toBe(false);
    expect(secretsEqual("", "x")).toBe(false);
    expect(secretsEqual("prefix", "prefix-and-more")).toBe(false);
  });

  it("agrees with === on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(secretsEqual(a, b)).toBe(a === b);
        expect(secretsEqual(a, a)).toBe(true);
      }),
    );
  });
});

describe("LinkedIn-shaped ids", () => {
  it("client ids are 14 lower-case alphanumerics, like 86abcd1234efgh", () => {
    for (let i = 0; i < 200; i++) expect(generateClientId()).toMatch(/^[a-z0-9]{14}$/);
  });

  it("member ids are 10 characters of [A-Za-z0-9_-], like 2qXA98-mVk", () => {
    for (let i = 0; i < 200; i++) expect(generateMemberId()).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });

  it("client ids and member ids do not repeat across 1,000 draws", () => {
    expect(new Set(Array.from({ length: 1000 }, generateClientId)).size).toBe(1000);
    expect(new Set(Array.from({ length: 1000 }, generateMemberId)).size).toBe(1000);
  });

  it("numeric ids have exactly the requested digits and no leading zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (digits) => {
        expect(generateNumericId(digits)).toMatch(new RegExp(`^[1-9][0-9]{${digits - 1}}$`));
      }),
    );
  });

  it.each([0, -1, 2.5, Number.NaN])("numeric ids refuse %s digits", (digits) => {
    expect(() => generateNumericId(digits)).toThrow(RangeError);
  });
});
