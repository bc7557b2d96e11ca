import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPLICATION_TOKEN_LIFETIME_SECONDS,
  AUTHORIZATION_CODE_LIFETIME_MS,
  COMPLIANCE_SCOPE,
  formatScopesForIntrospection,
  formatScopesForTokenResponse,
  parseScopes,
  tokenLifetimeSeconds,
} from "../../../src/oauth/scopes.js";

describe("parseScopes", () => {
  it.each([
    ["a,b", "commas, as the JS client joins them"],
    ["a b", "spaces"],
    [decodeURIComponent("a%20b"), "%20 once the query is decoded, as the Python client sends"],
    ["a%20b", "%20 left undecoded"],
    ["a+b", "plus signs"],
    ["a, b", "a comma and a space"],
    [" a ,, b ", "surrounding blanks and an empty entry"],
    ["a\tb\n", "tabs and newlines"],
  ])("splits %j into [a, b] (%s)", (raw) => {
    expect(parseScopes(raw)).toEqual(["a", "b"]);
  });

  it("drops duplicates and keeps the first occurrence's order", () => {
    expect(parseScopes("b,a,b a+c")).toEqual(["b", "a", "c"]);
  });

  it("keeps LinkedIn's scope names intact", () => {
    expect(parseScopes("r_compliance_sales_nav,r_liteprofile")).toEqual([
      "r_compliance_sales_nav",
      "r_liteprofile",
    ]);
  });

  it.each([undefined, "", " ", ",", "+ , %20"])("gives no scopes for %j", (raw) => {
    expect(parseScopes(raw)).toEqual([]);
  });

  it("round-trips any list of distinct scope names through every separator", () => {
    const scopeName = fc.stringMatching(/^[a-z_]{1,20}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(scopeName, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(",", " ", "+", "%20", ", "),
        (scopes, separator) => {
          expect(parseScopes(scopes.join(separator))).toEqual(scopes);
        },
      ),
    );
  });
});

describe("scope formatting", () => {
  it("introspection reports scopes comma-separated", () => {
    expect(formatScopesForIntrospection(["a", "b"])).toBe("a,b");
    expect(formatScopesForIntrospection([COMPLIANCE_SCOPE])).toBe("r_compliance_sales_nav");
  });

  it("the token response reports scopes comma-separated, as LinkedIn does", () => {
    expect(formatScopesForTokenResponse([COMPLIANCE_SCOPE])).toBe("r_compliance_sales_nav");
    expect(formatScopesForTokenResponse(["a", "b"])).toBe("a,b");
  });

  it("formatting then parsing gives the scopes back", () => {
    expect(parseScopes(formatScopesForTokenResponse(["a", "b", "c"]))).toEqual(["a", "b", "c"]);
  });
});

describe("lifetimes", () => {
  it("the compliance scope is r_compliance_sales_nav", () => {
    expect(COMPLIANCE_SCOPE).toBe("r_compliance_sales_nav");
  });

  it("member tokens with the compliance scope live 365 days", () => {
    expect(tokenLifetimeSeconds([COMPLIANCE_SCOPE])).toBe(365 * 86_400);
    expect(tokenLifetimeSeconds(["r_liteprofile", COMPLIANCE_SCOPE])).toBe(31_536_000);
  });

  it("member tokens without it live 60 days", () => {
    expect(tokenLifetimeSeconds(["r_liteprofile"])).toBe(60 * 86_400);
    expect(tokenLifetimeSeconds([])).toBe(5_184_000);
  });

  it("application tokens live 30 minutes, as do authorization codes", () => {
    expect(APPLICATION_TOKEN_LIFETIME_SECONDS).toBe(1800);
    expect(AUTHORIZATION_CODE_LIFETIME_MS).toBe(30 * 60 * 1000);
  });
});
