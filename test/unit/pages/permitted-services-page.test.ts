import { describe, expect, it } from "vitest";
import { CSRF_FIELD_NAME } from "../../../src/http/pages/hidden-fields.js";
import {
  APP_ID_FIELD_NAME,
  renderPermittedServicesPage,
} from "../../../src/http/pages/permitted-services-page.js";
import {
  expectEscaped,
  expectNoAbsoluteUrls,
  expectSelfContained,
  expectWellFormed,
  HOSTILE,
} from "./html-checks.js";

const GRANTED_AT = Date.UTC(2023, 9, 27, 5, 1, 9);

const input = {
  memberName: "Ada Lovelace",
  apps: [
    {
      id: "123456",
      name: "Acme Archiver",
      grantedAt: GRANTED_AT,
      scopes: ["r_compliance_sales_nav"],
    },
    {
      id: "789012",
      name: "Other App",
      grantedAt: GRANTED_AT,
      scopes: ["r_liteprofile", "w_custom"],
    },
  ],
  csrfToken: "csrf-token-value",
  action: "/psettings/permitted-services/remove",
};

describe("renderPermittedServicesPage", () => {
  const html = renderPermittedServicesPage(input);

  it("is a well-formed, self-contained page", () => {
    expectWellFormed(html);
    expectSelfContained(html);
    expectNoAbsoluteUrls(html);
    expect(html).toContain("<h1>Permitted services</h1>");
    expect(html).toContain("<strong>Ada Lovelace</strong>");
  });

  it("gives each application its own POST form with its id, the CSRF token and a Remove button", () => {
    const forms = [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)];
    expect(forms).toHaveLength(2);
    for (const [i, form] of forms.entries()) {
      expect(form[1]).toBe("/psettings/permitted-services/remove");
      expect(form[2]).toContain(
        `<input type="hidden" name="${APP_ID_FIELD_NAME}" value="${input.apps[i]!.id}">`,
      );
      expect(form[2]).toContain(
        `<input type="hidden" name="${CSRF_FIELD_NAME}" value="csrf-token-value">`,
      );
      expect(form[2]).toMatch(/<button type="submit"[^>]*>Remove<span class="visually-hidden"> /);
    }
    expect(APP_ID_FIELD_NAME).toBe("app_id");
  });

  it("gives each Remove button an accessible name that includes the application", () => {
    expect(html).toContain('Remove<span class="visually-hidden"> Acme Archiver</span>');
    expect(html).toContain('Remove<span class="visually-hidden"> Other App</span>');
  });

  it("shows when each application was authorized and what it may do", () => {
    expect(html).toContain('<time datetime="2023-10-27T05:01:09.000Z">2023-10-27</time>');
    expect(html).toContain("<li>Archive your Sales Navigator messages for compliance</li>");
    expect(html).toContain("<li>w_custom</li>");
  });

  it("shows an empty state, with no form, when the member authorized nothing", () => {
    const empty = renderPermittedServicesPage({ ...input, apps: [] });
    expect(empty).toContain("You have not authorized any applications.");
    expect(empty).not.toContain("<form");
    expectWellFormed(empty);
  });

  it("escapes every user-provided field", () => {
    const hostile = renderPermittedServicesPage({
      memberName: HOSTILE,
      apps: [{ id: HOSTILE, name: HOSTILE, grantedAt: GRANTED_AT, scopes: [HOSTILE] }],
      csrfToken: HOSTILE,
      action: HOSTILE,
    });
    expectEscaped(hostile);
    expectWellFormed(hostile);
    // member, app id, app name ×2, scope, CSRF token, action.
    expect(hostile.split("&lt;script&gt;").length - 1).toBe(7);
  });
});
