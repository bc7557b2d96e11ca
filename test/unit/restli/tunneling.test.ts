import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { resolveTunnel, type TunnelInput } from "../../../src/restli/tunneling.js";

const FORM = "application/x-www-form-urlencoded";
const QUERY = "q=memberAndApplication&startTime=1698382869085&start=0&count=10";

function tunnel(overrides: Partial<TunnelInput>): TunnelInput {
  return {
    method: "POST",
    url: "/rest/complianceEvents",
    headers: { "x-http-method-override": "GET", "content-type": FORM },
    body: QUERY,
    ...overrides,
  };
}

function tunnelError(input: TunnelInput): AppError {
  try {
    resolveTunnel(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("resolveTunnel", () => {
  it("serves a POST with X-HTTP-Method-Override: GET and a form body as a GET with that query", () => {
    expect(resolveTunnel(tunnel({}))).toEqual({
      method: "GET",
      url: `/rest/complianceEvents?${QUERY}`,
    });
  });

  it("serves X-HTTP-Method-Override: DELETE as a DELETE", () => {
    const input = tunnel({
      url: "/rest/memberComplianceAuthorizations/(developerApplication:urn%3Ali%3AdeveloperApplication%3A1,member:urn%3Ali%3Aperson%3AA)",
      headers: { "x-http-method-override": "DELETE", "content-type": FORM },
      body: "",
    });
    expect(resolveTunnel(input)).toEqual({ method: "DELETE", url: input.url });
  });

  it("reads the override and content type in any case, with a charset parameter", () => {
    const input = tunnel({
      headers: {
        "X-HTTP-Method-Override": "get",
        "Content-Type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
      },
    });
    expect(resolveTunnel(input)?.method).toBe("GET");
  });

  it("merges the body after a query already on the URL", () => {
    expect(resolveTunnel(tunnel({ url: "/rest/complianceEvents?fields=id" }))?.url).toBe(
      `/rest/complianceEvents?fields=id&${QUERY}`,
    );
    expect(resolveTunnel(tunnel({ url: "/rest/complianceEvents?" }))?.url).toBe(
      `/rest/complianceEvents?${QUERY}`,
    );
  });

  it("keeps the URL as is when the body is empty or missing", () => {
    expect(resolveTunnel(tunnel({ body: undefined }))?.url).toBe("/rest/complianceEvents");
    expect(resolveTunnel(tunnel({ body: "" }))?.url).toBe("/rest/complianceEvents");
  });

  it("ignores a trailing newline after the form body", () => {
    expect(resolveTunnel(tunnel({ body: `${QUERY}\r\n` }))?.url).toBe(
      `/rest/complianceEvents?${QUERY}`,
    );
  });

  it("keeps a long tunneled query byte for byte", () => {
    const long = `q=memberAndApplication&fields=${"a,".repeat(3000)}b&x=%2C%3A+y`;
    expect(resolveTunnel(tunnel({ body: long }))?.url).toBe(`/rest/complianceEvents?${long}`);
  });

  it("returns null when the request is not tunneled", () => {
    expect(resolveTunnel(tunnel({ method: "GET" }))).toBeNull();
    expect(resolveTunnel(tunnel({ headers: { "content-type": FORM } }))).toBeNull();
    expect(
      resolveTunnel(tunnel({ method: "DELETE", headers: { "x-http-method-override": "GET" } })),
    ).toBeNull();
  });

  it.each(["PUT", "POST", "PATCH", "", "GET, DELETE"])(
    "refuses the override %j with 400",
    (override) => {
      const error = tunnelError(
        tunnel({ headers: { "x-http-method-override": override, "content-type": FORM } }),
      );
      expect(error.status).toBe(400);
      expect(error.inputErrors?.[0]?.fieldPath).toBe("X-HTTP-Method-Override");
    },
  );

  it.each([undefined, "application/json", "text/plain", "multipart/form-data"])(
    "refuses a tunneled request whose content type is %j with 400",
    (contentType) => {
      const error = tunnelError(
        tunnel({ headers: { "x-http-method-override": "GET", "content-type": contentType } }),
      );
      expect(error.status).toBe(400);
      expect(error.code).toBe("INVALID_BODY");
    },
  );

  it("reads single-valued header arrays and refuses a repeated override", () => {
    expect(
      resolveTunnel(
        tunnel({ headers: { "x-http-method-override": ["GET"], "content-type": [FORM] } }),
      )?.method,
    ).toBe("GET");
    expect(
      tunnelError(
        tunnel({ headers: { "x-http-method-override": ["GET", "DELETE"], "content-type": FORM } }),
      ).status,
    ).toBe(400);
  });
});
