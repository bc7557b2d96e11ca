import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as oauthErrors from "../../../src/oauth/oauth-errors.js";
import {
  authorizationCodeExpired,
  authorizationCodeNotFound,
  clientCredentialsNotEnabled,
  invalidClient,
  invalidRefreshToken,
  isOAuthError,
  missingParameter,
  OAuthError,
  type OAuthErrorCase,
  oauthErrorCatalogue,
  pkceVerifierMismatch,
  redirectUriMismatch,
  unsupportedGrantType,
} from "../../../src/oauth/oauth-errors.js";

const cases = Object.keys(oauthErrorCatalogue) as OAuthErrorCase[];

/** A carried src/errors.ts error, for the cases whose status is that error's. */
const CARRIED = { status: 413, message: "Request body is too large" };

/** A sample argument for the factories that take one. */
function sampleArgument(name: OAuthErrorCase): unknown {
  if (name === "scopeNotGranted") return ["w_member_social"];
  if (oauthErrorCatalogue[name].status === null) return CARRIED;
  return "code";
}

/** The factory named after a catalogue entry, called with a sample argument where it takes one. */
function build(name: OAuthErrorCase): OAuthError {
  const factory = (oauthErrors as unknown as Record<string, (arg?: unknown) => unknown>)[name];
  expect(typeof factory, `factory ${name} is exported`).toBe("function");
  const error = factory!(sampleArgument(name));
  expect(error).toBeInstanceOf(OAuthError);
  return error as OAuthError;
}

const doc = fs.readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
const oauthSection = doc.slice(doc.indexOf("## OAuth errors"));
const documented = new Map(
  [...oauthSection.matchAll(/^\| ([a-zA-Z]+) \| (\d{3}|—) \| ([a-z_]+) \|/gm)].map((m) => [
    m[1]!,
    { status: m[2] === "—" ? null : Number(m[2]), error: m[3] },
  ]),
);

describe("OAuth error catalogue", () => {
  it("docs/errors.md lists exactly the cases of oauthErrorCatalogue with the same status and error", () => {
    expect([...documented.keys()].sort()).toEqual([...cases].sort());
    for (const name of cases) {
      const entry = oauthErrorCatalogue[name];
      expect(documented.get(name), name).toEqual({ status: entry.status, error: entry.error });
    }
  });

  it("is the only place an OAuthError is built: every other module calls a factory", () => {
    const src = path.resolve(import.meta.dirname, "../../../src");
    const files = fs.readdirSync(src, { recursive: true }).map(String);
    const builders = files.filter(
      (file) =>
        file.endsWith(".ts") &&
        !file.endsWith(path.join("oauth", "oauth-errors.ts")) &&
        /new OAuthError\(|error: "(invalid_|unsupported_|access_denied|server_error|user_cancelled)/.test(
          fs.readFileSync(path.join(src, file), "utf8"),
        ),
    );
    expect(builders).toEqual([]);
  });

  it.each(cases)("%s builds an OAuthError with the catalogue's status and error code", (name) => {
    const error = build(name);
    const entry = oauthErrorCatalogue[name];
    expect(error.status).toBe(entry.status ?? CARRIED.status);
    expect(error.error).toBe(entry.error);
    expect(error.description.length).toBeGreaterThan(0);
    expect(error.toBody()).toEqual({ error: entry.error, error_description: error.description });
    expect(Object.keys(error.toBody())).toEqual(["error", "error_description"]);
  });

  it("gives every catalogue entry a description of its own (carried errors keep theirs)", () => {
    const own = cases.filter((name) => oauthErrorCatalogue[name].status !== null);
    const descriptions = own.map((name) => build(name).description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it("holds only 400 and 401 statuses, as LinkedIn's OAuth endpoints answer, besides the redirect and carried errors", () => {
    for (const name of cases) {
      const { status, error } = oauthErrorCatalogue[name];
      if (status === null) expect(["invalid_request", "server_error"]).toContain(error);
      else if (status === 302) expect(error).toBe("user_cancelled_authorize");
      else expect([400, 401]).toContain(status);
    }
  });

  it("carries the status and message of the error a JSON endpoint could not answer otherwise", () => {
    expect(oauthErrors.requestNotAccepted(CARRIED).toBody()).toEqual({
      error: "invalid_request",
      error_description: CARRIED.message,
    });
    const unavailable = oauthErrors.serverError({ status: 503, message: "Store unavailable" });
    expect([unavailable.status, unavailable.error]).toEqual([503, "server_error"]);
  });
});

describe("the token endpoint errors of spec §3", () => {
  it.each([
    ["unknown or reused code", authorizationCodeNotFound(), 401, "invalid_request"],
    ["redirect URI mismatch", redirectUriMismatch(), 400, "invalid_redirect_uri"],
    ["PKCE verifier mismatch", pkceVerifierMismatch(), 400, "invalid_redirect_uri"],
    ["expired code", authorizationCodeExpired(), 400, "invalid_redirect_uri"],
    ["missing parameter", missingParameter("code"), 400, "invalid_request"],
    ["bad client credentials", invalidClient(), 401, "invalid_client_id"],
    ["client credentials not enabled", clientCredentialsNotEnabled(), 401, "access_denied"],
    ["unsupported grant type", unsupportedGrantType("password"), 400, "unsupported_grant_type"],
    ["invalid or expired refresh token", invalidRefreshToken(), 400, "invalid_grant"],
  ] as const)("%s answers %i %s", (_case, error, status, code) => {
    expect(error.status).toBe(status);
    expect(error.toBody().error).toBe(code);
  });

  it('says "authorization code not found" for an unknown or reused code', () => {
    expect(authorizationCodeNotFound().description).toContain("authorization code not found");
  });

  it("distinguishes redirect URI mismatch, verifier mismatch and expiry in the description", () => {
    const descriptions = [
      redirectUriMismatch(),
      pkceVerifierMismatch(),
      authorizationCodeExpired(),
    ].map((e) => e.description);
    expect(new Set(descriptions).size).toBe(3);
    expect(descriptions[0]).toMatch(/redirect_uri/);
    expect(descriptions[1]).toMatch(/code verifier/);
    expect(descriptions[2]).toMatch(/expired/);
  });

  it("names the missing parameter", () => {
    expect(missingParameter("code").toBody()).toEqual({
      error: "invalid_request",
      error_description: 'A required parameter "code" is missing',
    });
  });

  it('says "Client authentication failed" for bad client credentials', () => {
    expect(invalidClient().toBody()).toEqual({
      error: "invalid_client_id",
      error_description: "Client authentication failed",
    });
  });

  it("names the unsupported grant type", () => {
    expect(unsupportedGrantType("password").description).toContain('"password"');
  });
});

describe("OAuthError", () => {
  it("is an Error whose message is the description", () => {
    const error = invalidClient();
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(error.description);
    expect(error.name).toBe("OAuthError");
  });

  it("takes a default status from its error code when built directly", () => {
    expect(new OAuthError("invalid_request", "bad").status).toBe(400);
    expect(new OAuthError("invalid_client_id", "bad").status).toBe(401);
    expect(new OAuthError("invalid_request", "bad", 401).status).toBe(401);
  });

  it("is recognised by isOAuthError, and plain errors are not", () => {
    expect(isOAuthError(missingParameter("code"))).toBe(true);
    expect(isOAuthError(new Error("x"))).toBe(false);
    expect(isOAuthError({ error: "invalid_request" })).toBe(false);
  });
});
