import { describe, expect, it } from "vitest";
import {
  describeScope,
  describeScopes,
  SCOPE_DESCRIPTIONS,
} from "../../../src/http/pages/scope-descriptions.js";

describe("scope descriptions", () => {
  it("describes the compliance scope as archiving Sales Navigator messages", () => {
    expect(describeScope("r_compliance_sales_nav")).toBe(
      "Archive your Sales Navigator messages for compliance",
    );
  });

  it.each(["r_liteprofile", "r_emailaddress", "openid", "profile", "email"])(
    "describes %s in words rather than by its name",
    (scope) => {
      const description = describeScope(scope);
      expect(description).not.toBe(scope);
      expect(description.length).toBeGreaterThan(10);
    },
  );

  it("falls back to the scope name for a scope it does not know", () => {
    expect(describeScope("w_member_social")).toBe("w_member_social");
  });

  it("does not mistake Object.prototype properties for descriptions", () => {
    expect(describeScope("constructor")).toBe("constructor");
    expect(describeScope("__proto__")).toBe("__proto__");
  });

  it("describes a list in request order", () => {
    expect(describeScopes(["openid", "x"])).toEqual([
      { scope: "openid", description: SCOPE_DESCRIPTIONS.openid },
      { scope: "x", description: "x" },
    ]);
  });
});
