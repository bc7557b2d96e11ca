import { describe, expect, it } from "vitest";
import { redactUrlCredentials } from "../../src/http/redact-url-credentials.js";

describe("redactUrlCredentials (log lines and the request journal)", () => {
  it("replaces credential-bearing query values with REDACTED", () => {
    expect(redactUrlCredentials("/oauth/v2/x?code=abc&state=s&client_secret=zz")).toBe(
      "/oauth/v2/x?code=REDACTED&state=s&client_secret=REDACTED",
    );
  });

  it("leaves a URL without a query as it is", () => {
    expect(redactUrlCredentials("/rest/a")).toBe("/rest/a");
  });

  it("keeps every other byte of the query as sent, Rest.li syntax included", () => {
    expect(
      redactUrlCredentials("/rest/x?ids=List((a:urn%3Ali%3Aperson%3A1))&oauth2_access_token=t&f"),
    ).toBe("/rest/x?ids=List((a:urn%3Ali%3Aperson%3A1))&oauth2_access_token=REDACTED&f");
  });

  it("catches encoded and differently cased names, and names without a value", () => {
    expect(redactUrlCredentials("/x?Client%5FSecret=s&ACCESS_TOKEN=t&code")).toBe(
      "/x?Client%5FSecret=REDACTED&ACCESS_TOKEN=REDACTED&code=REDACTED",
    );
  });
});
