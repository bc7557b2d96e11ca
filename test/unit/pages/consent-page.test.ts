import { describe, expect, it } from "vitest";
import { DECISION_FIELD_NAME, renderConsentPage } from "../../../src/http/pages/consent-page.js";
import { CSRF_FIELD_NAME } from "../../../src/http/pages/hidden-fields.js";
import { describeScopes } from "../../../src/http/pages/scope-descriptions.js";
import {
  expectEscaped,
  expectNoAbsoluteUrls,
  expectSelfContained,
  expectWellFormed,
  HOSTILE,
} from "./html-checks.js";

const input = {
  appName: "Acme Archiver",
  memberName: "Ada Lovelace",
  permissions: describeScopes(["r_compliance_sales_nav", "r_liteprofile"]),
  hiddenFields: {
    response_type: "code",
    client_id: "86abcd1234efgh",
    redirect_uri: "/callback",
    scope: "r_compliance_sales_nav,r_liteprofile",
    state: "xyz",
  },
  csrfToken: "csrf-token-value",
  action: "/oauth/v2/authorization/consent",
};

describe("renderConsentPage", () => {
  const html = renderConsentPage(input);

  it("is a well-formed, self-contained page", () => {
    expectWellFormed(html);
    expectSelfContained(html);
    expectNoAbsoluteUrls(html);
  });

  it("names the application in the heading and the signed-in member", () => {
    expect(html).toContain("<h1>Acme Archiver would like to access your account</h1>");
    expect(html).toContain("<strong>Ada Lovelace</strong>");
    expect(html).toContain("<title>Allow Acme Archiver? · Regula</title>");
  });

  it("lists each requested permission with its description and scope", () => {
    const items = [...html.matchAll(/<li><span>([^<]*)<\/span> <code[^>]*>([^<]*)<\/code><\/li>/g)];
    expect(items.map((m) => [m[1], m[2]])).toEqual([
      ["Archive your Sales Navigator messages for compliance", "r_compliance_sales_nav"],
      ["Use your name, headline and photo", "r_liteprofile"],
    ]);
  });

  it('has "Allow" and "Cancel" submit buttons posting decision=allow and decision=cancel', () => {
    expect(html).toContain(
      '<button type="submit" class="primary" name="decision" value="allow">Allow</button>',
    );
    expect(html).toContain(
      '<button type="submit" class="secondary" name="decision" value="cancel">Cancel</button>',
    );
    expect(DECISION_FIELD_NAME).toBe("decision");
  });

  it("posts to the given action with the authorization request and CSRF token hidden", () => {
    expect(html).toContain('<form method="post" action="/oauth/v2/authorization/consent">');
    for (const [name, value] of Object.entries(input.hiddenFields)) {
      expect(html).toContain(`<input type="hidden" name="${name}" value="${value}">`);
    }
    expect(html).toContain(
      `<input type="hidden" name="${CSRF_FIELD_NAME}" value="csrf-token-value">`,
    );
  });

  it("escapes every user-provided field", () => {
    const hostile = renderConsentPage({
      appName: HOSTILE,
      memberName: HOSTILE,
      permissions: [{ scope: HOSTILE, description: HOSTILE }],
      hiddenFields: { state: HOSTILE },
      csrfToken: HOSTILE,
      action: HOSTILE,
    });
    expectEscaped(hostile);
    expectWellFormed(hostile);
    // title, h1, h2 (app name ×3), member, scope, description, hidden value, token, action.
    expect(hostile.split("&lt;script&gt;").length - 1).toBe(9);
  });
});
