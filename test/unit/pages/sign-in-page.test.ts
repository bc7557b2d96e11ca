import { describe, expect, it } from "vitest";
import { CSRF_FIELD_NAME } from "../../../src/http/pages/hidden-fields.js";
import { MEMBER_FIELD_NAME, renderSignInPage } from "../../../src/http/pages/sign-in-page.js";
import {
  expectEscaped,
  expectNoAbsoluteUrls,
  expectSelfContained,
  expectWellFormed,
  HOSTILE,
} from "./html-checks.js";

const input = {
  members: [
    { id: "2qXA98-mVk", name: "Ada Lovelace", headline: "Head of Compliance" },
    { id: "b7Rt0-Qz_1", name: "Grace Hopper" },
  ],
  hiddenFields: {
    response_type: "code",
    client_id: "86abcd1234efgh",
    scope: "r_compliance_sales_nav",
  },
  csrfToken: "csrf-token-value",
  action: "/oauth/v2/authorization/sign-in",
};

describe("renderSignInPage", () => {
  const html = renderSignInPage(input);

  it("is a well-formed, labelled, self-contained page", () => {
    expectWellFormed(html);
    expectSelfContained(html);
    expectNoAbsoluteUrls(html);
  });

  it("posts to the given action", () => {
    expect(html).toContain('<form method="post" action="/oauth/v2/authorization/sign-in">');
  });

  it("offers one labelled radio button per member, valued with the member id", () => {
    const radios = [
      ...html.matchAll(/<input type="radio" id="([^"]+)" name="member_id" value="([^"]+)"/g),
    ];
    expect(radios.map((r) => r[2])).toEqual(["2qXA98-mVk", "b7Rt0-Qz_1"]);
    for (const [, id] of radios) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain("Ada Lovelace");
    expect(html).toContain("Head of Compliance");
    expect(html).toContain("Grace Hopper");
    expect(MEMBER_FIELD_NAME).toBe("member_id");
  });

  it("groups the choices under a legend and requires one", () => {
    expect(html).toMatch(/<fieldset>\s*<legend>Sign in as<\/legend>/);
    expect(html.match(/ required>/g)).toHaveLength(1);
  });

  it("carries every field of the authorization request and the CSRF token as hidden inputs", () => {
    for (const [name, value] of Object.entries(input.hiddenFields)) {
      expect(html).toContain(`<input type="hidden" name="${name}" value="${value}">`);
    }
    expect(html).toContain(
      `<input type="hidden" name="${CSRF_FIELD_NAME}" value="csrf-token-value">`,
    );
  });

  it("has a submit button that says Sign in", () => {
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
  });

  it("escapes every user-provided field", () => {
    const hostile = renderSignInPage({
      members: [{ id: HOSTILE, name: HOSTILE, headline: HOSTILE }],
      hiddenFields: { state: HOSTILE },
      csrfToken: HOSTILE,
      action: HOSTILE,
    });
    expectEscaped(hostile);
    expectWellFormed(hostile);
    // id, name, headline, hidden value, CSRF token and action: six places, all escaped.
    expect(hostile.split("&lt;script&gt;").length - 1).toBe(6);
  });

  it("escapes hidden field names too", () => {
    const hostile = renderSignInPage({ ...input, hiddenFields: { [HOSTILE]: "v" } });
    expectEscaped(hostile);
  });

  it("does not take element ids from member data", () => {
    const hostile = renderSignInPage({ ...input, members: [{ id: '" autofocus x="', name: "M" }] });
    expect(hostile).toContain('id="member-0"');
    expect(hostile).not.toContain('" autofocus');
  });

  it("says the sandbox has no members, with no form, when there are none", () => {
    const empty = renderSignInPage({ ...input, members: [] });
    expect(empty).toContain("This sandbox has no members yet");
    expect(empty).not.toContain("<form");
    expectWellFormed(empty);
  });

  it("keeps a redirect_uri only as a hidden value, loading nothing from it", () => {
    const withUri = renderSignInPage({
      ...input,
      hiddenFields: { redirect_uri: "https://client.example/callback?x=1&y=2" },
    });
    expect(withUri).toContain(
      '<input type="hidden" name="redirect_uri" value="https://client.example/callback?x=1&amp;y=2">',
    );
    expectSelfContained(withUri);
  });
});
