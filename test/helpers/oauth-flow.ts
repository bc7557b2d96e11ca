import type { LightMyRequestResponse } from "fastify";
import type { Application, Member } from "../../src/domain/records.js";
import { issueAuthorizationCode } from "../../src/oauth/authorization-codes.js";
import { createTestApplication, createTestMember } from "./factories.js";
import type { Harness } from "./harness.js";

export const CALLBACK = "http://localhost:3000/callback";
export const COMPLIANCE = "r_compliance_sales_nav";

/** Form-encodes fields in the order given, as an OAuth client would. */
export function formBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
}

/** `POST /oauth/v2/{endpoint}` with a form body. */
export function postOAuthForm(
  h: Harness,
  endpoint: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method: "POST",
    url: `/oauth/v2/${endpoint}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: formBody(fields),
  });
}

/** A code as the consent page would issue it (the consent page itself is tested elsewhere). */
export function issueCode(
  h: Harness,
  input: {
    application: Application;
    member: Member;
    scopes?: string[];
    redirectUri?: string;
    codeChallenge?: string;
  },
): Promise<string> {
  return issueAuthorizationCode(h.services, {
    applicationId: input.application.id,
    memberId: input.member.id,
    redirectUri: input.redirectUri ?? CALLBACK,
    scopes: input.scopes ?? [COMPLIANCE],
    codeChallenge: input.codeChallenge ?? null,
    codeChallengeMethod: input.codeChallenge ? "S256" : null,
  });
}

/** Exchanges a code at the token endpoint with the application's real credentials. */
export function exchangeCode(
  h: Harness,
  input: {
    application: Application;
    clientSecret: string;
    code: string;
    redirectUri?: string;
    extra?: Record<string, string>;
  },
): Promise<LightMyRequestResponse> {
  return postOAuthForm(h, "accessToken", {
    grant_type: "authorization_code",
    code: input.code,
    redirect_uri: input.redirectUri ?? CALLBACK,
    client_id: input.application.clientId,
    client_secret: input.clientSecret,
    ...input.extra,
  });
}

/** `GET /rest/memberComplianceAuthorizations` with a bearer token: the cheapest authenticated call. */
export function complianceStatus(h: Harness, token: string): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method: "GET",
    url: "/rest/memberComplianceAuthorizations?q=memberAndApplication",
    headers: { authorization: `Bearer ${token}`, "linkedin-version": "202310" },
  });
}

/** `/oauth/v2/authorization?…` with the given parameters; undefined ones are left out. */
export function authorizationPath(params: Record<string, string | undefined>): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `/oauth/v2/authorization?${query}`;
}

/** A fresh application (with its client secret) and member, for token endpoint tests. */
export async function tokenWorld(
  h: Harness,
  overrides: Parameters<typeof createTestApplication>[1] = {},
) {
  const { application, clientSecret } = await createTestApplication(h.services, overrides);
  const member = await createTestMember(h.services);
  return { application, clientSecret, member };
}

/**
 * A fresh application and member, and `path(extra)`: a valid compliance authorization
 * request for them (state `st-42`) with `extra` parameters changed or removed.
 */
export async function authorizationWorld(
  h: Harness,
  overrides: Parameters<typeof createTestApplication>[1] = {},
) {
  const { application, clientSecret, member } = await tokenWorld(h, overrides);
  const path = (extra: Record<string, string | undefined> = {}) =>
    authorizationPath({
      response_type: "code",
      client_id: application.clientId,
      redirect_uri: CALLBACK,
      scope: COMPLIANCE,
      state: "st-42",
      ...extra,
    });
  return { application, clientSecret, member, path };
}
