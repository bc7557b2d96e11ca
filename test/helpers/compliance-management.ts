import { createTestApplication, createTestMember, insertTestToken } from "./factories.js";
import type { Harness } from "./harness.js";

export const RESOURCE = "/rest/memberComplianceAuthorizations";
export const appUrn = (id: string) => `urn:li:developerApplication:${id}`;
export const memberUrn = (id: string) => `urn:li:person:${id}`;

/** LinkedIn's 403 body for a Compliance Management method. */
export const denied = (method: string) => ({
  status: 403,
  serviceErrorCode: 100,
  code: "ACCESS_DENIED",
  message: `Not enough permissions to access: memberComplianceAuthorizations.${method}.20231001`,
});

/**
 * The Compliance Management calls over inject, and a fresh world (an application, a member,
 * their member token and the application's token). `harness` is read at call time, so suites
 * can create the helpers before their beforeAll has built the server.
 */
export function complianceManagementCalls(harness: () => Harness) {
  async function world() {
    const h = harness();
    const { application } = await createTestApplication(h.services);
    const member = await createTestMember(h.services);
    const token = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: member.id,
    });
    const appToken = await insertTestToken(h.services, {
      applicationId: application.id,
      memberId: null,
    });
    const key = (order: "app-first" | "member-first" = "app-first"): Array<[string, string]> => {
      const entries: Array<[string, string]> = [
        ["developerApplication", appUrn(application.id)],
        ["member", memberUrn(member.id)],
      ];
      return order === "app-first" ? entries : entries.reverse();
    };
    return { application, member, token, appToken, key };
  }

  const headers = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    "linkedin-version": "202310",
    ...extra,
  });
  /** `null` sends no body at all. */
  const optIn = (token: string, payload: string | null = "{}") =>
    harness().app.inject({
      method: "POST",
      url: RESOURCE,
      headers: headers(token, { "content-type": "application/json" }),
      ...(payload === null ? {} : { payload }),
    });
  const status = (token: string, query = "") =>
    harness().app.inject({ method: "GET", url: `${RESOURCE}${query}`, headers: headers(token) });
  const optOut = (token: string, keyOnWire: string) =>
    harness().app.inject({
      method: "DELETE",
      url: `${RESOURCE}/${keyOnWire}`,
      headers: headers(token),
    });

  return { world, headers, optIn, status, optOut };
}
