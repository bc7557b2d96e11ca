import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import {
  decodeCompoundKeyReduced,
  decodeRestliString,
  encodeCompoundKeyForUrl,
  encodeCompoundKeyReduced,
  encodeRestliString,
  parseCompoundKey,
} from "../../../src/restli/keys.js";

const KEY_NAMES = ["developerApplication", "member"] as const;
const EXPECTED = {
  developerApplication: "urn:li:developerApplication:123",
  member: "urn:li:person:ABC",
};

/** Percent-encodes every character but RFC 3986's unreserved ones, as Java or Python quote(safe='') do. */
function percentEncodeAll(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function lowerHex(value: string): string {
  return value.replace(/%[0-9A-F]{2}/g, (hexEscape) => hexEscape.toLowerCase());
}

function parseError(raw: string): AppError {
  try {
    parseCompoundKey(raw, KEY_NAMES);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`threw a non-AppError: ${String(error)}`);
  }
  throw new Error(`accepted ${raw}`);
}

describe("parseCompoundKey: every form clients send", () => {
  it("reads the exact DELETE key of LinkedIn's JS client (literal parens, commas, key colons; %3A in values)", () => {
    const raw =
      "(developerApplication:urn%3Ali%3AdeveloperApplication%3A123456,member:urn%3Ali%3Aperson%3A123ABC)";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual({
      developerApplication: "urn:li:developerApplication:123456",
      member: "urn:li:person:123ABC",
    });
  });

  it("reads the Rest.li 2.0 key printed in the contract", () => {
    const raw =
      "(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads the key fully percent-encoded (%28…%29, %2C, %3A), upper- or lower-case hex", () => {
    const raw =
      "%28developerApplication%3Aurn%3Ali%3AdeveloperApplication%3A123%2Cmember%3Aurn%3Ali%3Aperson%3AABC%29";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
    expect(parseCompoundKey(lowerHex(raw), KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads the 2.0 key percent-encoded a second time (values double-escaped as %253A)", () => {
    const urlForm =
      "(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)";
    expect(parseCompoundKey(percentEncodeAll(urlForm), KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads encodeURIComponent of the raw key (literal parens, %2C and %3A everywhere else)", () => {
    const raw = encodeURIComponent(
      "(developerApplication:urn:li:developerApplication:123,member:urn:li:person:ABC)",
    );
    expect(raw.startsWith("(developerApplication%3A")).toBe(true);
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads raw colons inside values, splitting each part at its first colon", () => {
    const raw = "(developerApplication:urn:li:developerApplication:123,member:urn:li:person:ABC)";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads the keys in either order and returns them in the declared order", () => {
    const raw =
      "(member:urn%3Ali%3Aperson%3AABC,developerApplication:urn%3Ali%3AdeveloperApplication%3A123)";
    const key = parseCompoundKey(raw, KEY_NAMES);
    expect(key).toEqual(EXPECTED);
    expect(Object.keys(key)).toEqual(["developerApplication", "member"]);
  });

  it("reads the Rest.li 1.0 form printed in LinkedIn's docs, raw", () => {
    const raw = "developerApplication=urn:li:developerApplication:123&member=urn:li:person:ABC";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads the 1.0 form with encoded values, and in either order", () => {
    const raw =
      "member=urn%3Ali%3Aperson%3AABC&developerApplication=urn%3Ali%3AdeveloperApplication%3A123";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
  });

  it("reads the 1.0 form fully percent-encoded (%3D, %26), upper- or lower-case hex", () => {
    const raw = percentEncodeAll(
      "developerApplication=urn:li:developerApplication:123&member=urn:li:person:ABC",
    );
    expect(raw).toContain("%3D");
    expect(raw).toContain("%26");
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual(EXPECTED);
    expect(parseCompoundKey(lowerHex(raw), KEY_NAMES)).toEqual(EXPECTED);
  });

  it("keeps an escaped comma or parenthesis inside a value as part of the value", () => {
    const raw =
      "(developerApplication:urn%3Ali%3AdeveloperApplication%3A1%2C2,member:urn%3Ali%3Aperson%3A%28x%29)";
    expect(parseCompoundKey(raw, KEY_NAMES)).toEqual({
      developerApplication: "urn:li:developerApplication:1,2",
      member: "urn:li:person:(x)",
    });
  });

  it("keeps '+' literal, as a path segment does", () => {
    const raw = "(developerApplication:urn:li:developerApplication:1,member:urn:li:person:a+b)";
    expect(parseCompoundKey(raw, KEY_NAMES).member).toBe("urn:li:person:a+b");
  });
});

describe("parseCompoundKey: INVALID_KEY, naming the problem", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["an empty segment", "", /empty/],
    ["empty parentheses", "()", /empty/],
    [
      "an unknown key name",
      "(developerApplication:urn:li:developerApplication:1,person:urn:li:person:A)",
      /Unknown key name "person"/,
    ],
    [
      "a duplicate key",
      "(member:urn:li:person:A,member:urn:li:person:B)",
      /"member" appears twice/,
    ],
    ["a missing key", "(developerApplication:urn:li:developerApplication:1)", /missing "member"/],
    ["both keys missing in 1.0 form", "foo=bar", /Unknown key name "foo"/],
    [
      "an empty value",
      "(developerApplication:,member:urn:li:person:A)",
      /"developerApplication" is empty/,
    ],
    [
      "the Rest.li empty string",
      "(developerApplication:'',member:urn:li:person:A)",
      /"developerApplication" is empty/,
    ],
    ["an empty 1.0 value", "developerApplication=&member=urn:li:person:A", /is empty/],
    ["a part without a colon", "(developerApplication,member:urn:li:person:A)", /no ':'/],
    ["a 1.0 part without '='", "developerApplication=x&member", /no '='/],
    ["a trailing comma", "(developerApplication:a,member:b,)", /empty part/],
    ["a doubled ampersand", "developerApplication=a&&member=b", /empty part/],
    ["a stray percent", "(developerApplication:urn%3Ali%3,member:b)", /malformed percent-escape/],
    ["a lone percent", "%", /malformed percent-escape/],
    ["escapes that are not UTF-8", "(developerApplication:%FF,member:b)", /percent/],
    ["an unclosed parenthesis", "(developerApplication:a,member:b", /unbalanced/],
    ["an extra closing parenthesis", "(developerApplication:a,member:b))", /unbalanced/],
    ["garbage after the key", "(developerApplication:a,member:b)/extra", /after its closing '\)'/],
    ["a second key after the first", "(developerApplication:a,member:b)(x:y)", /after its closing/],
    ["a nested structure in a value", "(developerApplication:(id:1),member:b)", /nested/],
    ["a Rest.li list in a value", "(developerApplication:List(1,2),member:b)", /nested/],
    ["a bare scalar", "urn:li:person:ABC", /must be written/],
  ];

  it.each(cases)("rejects %s with 400 INVALID_KEY", (_label, raw, message) => {
    const error = parseError(raw);
    expect(error.code).toBe("INVALID_KEY");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it("reports a bad fully-encoded key against its decoded form", () => {
    const raw = percentEncodeAll(
      "(developerApplication:urn:li:developerApplication:1,owner:urn:li:person:A)",
    );
    expect(parseError(raw).message).toMatch(/Unknown key name "owner"/);
  });

  it("never throws a URIError for truncated or invalid UTF-8 escapes", () => {
    for (const raw of [
      "%E0%A4%A",
      "%C3%28",
      "(developerApplication:%ED%A0%80,member:b)",
      "%28%FF%29",
    ]) {
      expect(parseError(raw).code).toBe("INVALID_KEY");
    }
  });

  it("cuts long client input short in the message", () => {
    const error = parseError(`(${"x".repeat(5000)}:a,member:b)`);
    expect(error.message.length).toBeLessThan(200);
  });
});

describe("compound key encoders", () => {
  const entries: Array<[string, string]> = [
    ["developerApplication", "urn:li:developerApplication:123"],
    ["member", "urn:li:person:ABC"],
  ];

  it("writes x-restli-id in the reduced encoding exactly as LinkedIn does", () => {
    expect(encodeCompoundKeyReduced(entries)).toBe(
      "(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)",
    );
  });

  it("escapes only %,()': in the reduced encoding, leaving other characters raw", () => {
    expect(encodeCompoundKeyReduced([["k", "a%b,c(d)e'f:g h=&/é"]])).toBe(
      "(k:a%25b%2Cc%28d%29e%27f%3Ag h=&/é)",
    );
  });

  it("writes a URL path segment: structure literal, values escaped with ,()': too", () => {
    expect(encodeCompoundKeyForUrl(entries)).toBe(
      "(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)",
    );
    expect(encodeCompoundKeyForUrl([["k", "a%b,c(d)e'f:g h=&/é?#"]])).toBe(
      "(k:a%25b%2Cc%28d%29e%27f%3Ag%20h%3D%26%2F%C3%A9%3F%23)",
    );
  });

  it("keeps the order the entries were given in", () => {
    expect(encodeCompoundKeyReduced([entries[1]!, entries[0]!])).toBe(
      "(member:urn%3Ali%3Aperson%3AABC,developerApplication:urn%3Ali%3AdeveloperApplication%3A123)",
    );
  });

  it("decodes the reduced encoding back, whatever the key names", () => {
    expect(
      decodeCompoundKeyReduced(
        "(developerApplication:urn%3Ali%3AdeveloperApplication%3A123,member:urn%3Ali%3Aperson%3AABC)",
      ),
    ).toEqual(EXPECTED);
    expect(decodeCompoundKeyReduced("(a:1,b:x%2Cy)")).toEqual({ a: "1", b: "x,y" });
  });

  it("refuses a reduced key that is not a compound key, with INVALID_KEY", () => {
    for (const bad of ["123", "(a:1", "(a:1,a:2)", "(a)", ""]) {
      expect(() => decodeCompoundKeyReduced(bad)).toThrowError(AppError);
    }
  });

  it("decodes a field named __proto__ as a plain field", () => {
    const key = decodeCompoundKeyReduced("(__proto__:x)");
    expect(Object.getPrototypeOf(key)).toBe(Object.prototype);
    expect(Object.hasOwn(key, "__proto__")).toBe(true);
  });
});

describe("Rest.li scalar strings", () => {
  it("writes the empty string as '' and reads it back", () => {
    expect(encodeRestliString("")).toBe("''");
    expect(encodeRestliString("", "reduced")).toBe("''");
    expect(decodeRestliString("''")).toBe("");
  });

  it("returns null, never throws, for malformed escapes", () => {
    expect(decodeRestliString("%")).toBeNull();
    expect(decodeRestliString("%E0%A4%A")).toBeNull();
    expect(decodeRestliString("a%2Cb")).toBe("a,b");
  });
});

// ---------------------------------------------------------------- properties

const SPECIALS = [...":(),'%=&+/?# "];
const specialChar = fc.constantFrom(...SPECIALS);
const anyChar = fc.oneof(
  { weight: 3, arbitrary: specialChar },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);
const entityType = fc.string({ unit: anyChar, minLength: 1, maxLength: 12 });
const entityId = fc.string({ unit: anyChar, minLength: 1, maxLength: 24 });
const urnValue = fc.tuple(entityType, entityId).map(([type, id]) => `urn:li:${type}:${id}`);
const keyEntries = fc
  .tuple(urnValue, urnValue, fc.boolean())
  .map(([application, member, reversed]): Array<[string, string]> => {
    const pairs: Array<[string, string]> = [
      ["developerApplication", application],
      ["member", member],
    ];
    return reversed ? pairs.reverse() : pairs;
  });

describe("compound key properties", () => {
  it("parses back every URL-encoded key it writes", () => {
    fc.assert(
      fc.property(keyEntries, (entries) => {
        expect(parseCompoundKey(encodeCompoundKeyForUrl(entries), KEY_NAMES)).toEqual(
          Object.fromEntries(entries),
        );
      }),
    );
  });

  it("parses and decodes back every reduced-encoded key it writes", () => {
    fc.assert(
      fc.property(keyEntries, (entries) => {
        const reduced = encodeCompoundKeyReduced(entries);
        expect(parseCompoundKey(reduced, KEY_NAMES)).toEqual(Object.fromEntries(entries));
        expect(decodeCompoundKeyReduced(reduced)).toEqual(Object.fromEntries(entries));
      }),
    );
  });

  it("parses back every key fully percent-encoded over either encoding, in either hex case", () => {
    fc.assert(
      fc.property(keyEntries, fc.boolean(), fc.boolean(), (entries, overReduced, lower) => {
        const inner = overReduced
          ? encodeCompoundKeyReduced(entries)
          : encodeCompoundKeyForUrl(entries);
        const full = percentEncodeAll(inner);
        expect(parseCompoundKey(lower ? lowerHex(full) : full, KEY_NAMES)).toEqual(
          Object.fromEntries(entries),
        );
      }),
    );
  });

  it("parses back the 1.0 form, values encoded and whole segment encoded", () => {
    fc.assert(
      fc.property(keyEntries, (entries) => {
        const form = entries
          .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
          .join("&");
        expect(parseCompoundKey(form, KEY_NAMES)).toEqual(Object.fromEntries(entries));
        expect(parseCompoundKey(percentEncodeAll(form), KEY_NAMES)).toEqual(
          Object.fromEntries(entries),
        );
      }),
    );
  });

  it("parses raw-colon keys whose values hold no structural characters", () => {
    const plainChar = fc.oneof(
      fc.constantFrom(..."abcXYZ0129:-_.~"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => !/[%(),]/.test(c)),
    );
    const plainUrn = fc
      .tuple(
        fc.string({ unit: plainChar, minLength: 1 }),
        fc.string({ unit: plainChar, minLength: 1 }),
      )
      .map(([type, id]) => `urn:li:${type}:${id}`);
    fc.assert(
      fc.property(plainUrn, plainUrn, (application, member) => {
        expect(
          parseCompoundKey(`(developerApplication:${application},member:${member})`, KEY_NAMES),
        ).toEqual({
          developerApplication: application,
          member,
        });
      }),
    );
  });

  const token = fc.oneof(
    specialChar,
    fc.constantFrom(
      "developerApplication",
      "member",
      "urn:li:person:",
      "%",
      "%2",
      "%28",
      "%29",
      "%2C",
      "%3A",
      "%3D",
      "%26",
      "%25",
      "%FF",
      "%E0%A4",
      "''",
      "List(",
      "\uD800",
      "\uDC00",
    ),
    fc.string({ unit: "binary", maxLength: 3 }),
  );
  const keyish = fc.array(token, { maxLength: 24 }).map((parts) => parts.join(""));

  it("either returns both keys with non-empty values or throws a 400 AppError, for any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.string({ unit: "grapheme" }),
          keyish,
        ),
        (raw) => {
          let key: Record<string, string>;
          try {
            key = parseCompoundKey(raw, KEY_NAMES);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).status).toBe(400);
            expect((error as AppError).code).toBe("INVALID_KEY");
            return;
          }
          expect(Object.keys(key)).toEqual([...KEY_NAMES]);
          for (const value of Object.values(key)) expect(value.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("decodeCompoundKeyReduced never throws anything but INVALID_KEY", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), keyish), (raw) => {
        try {
          decodeCompoundKeyReduced(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe("INVALID_KEY");
        }
      }),
      { numRuns: 1000 },
    );
  });
});
