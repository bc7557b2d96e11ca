import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { Harness } from "./harness.js";
import { formBody } from "./oauth-flow.js";
import type { ConformanceChecker } from "./openapi-conformance.js";

export const VERSION = { "linkedin-version": "202310", "x-restli-protocol-version": "2.0.0" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
type Method = "GET" | "POST" | "DELETE";

/** The calls of a client of every kind, each checked by `api` against the document. */
export function contractCalls(h: Harness, api: ConformanceChecker) {
  return {
    /** The control plane, with the admin key. */
    admin: (method: Method, url: string, payload?: object) =>
      api.inject({
        method,
        url,
        headers: { authorization: h.admin.authorization },
        ...(payload === undefined ? {} : { payload }),
      }),
    /** `/rest` and `/v2` as LinkedIn's JS client sends them (JSON content type on every call). */
    rest: (method: Method, url: string, token: string, payload?: object) =>
      api.inject({
        method,
        url,
        headers: {
          ...VERSION,
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
        },
        ...(payload === undefined ? {} : { payload }),
      }),
    /** An OAuth endpoint with a form body. */
    oauth: (endpoint: string, fields: Record<string, string>) =>
      api.inject({
        method: "POST",
        url: `/oauth/v2/${endpoint}`,
        headers: FORM,
        payload: formBody(fields),
      }),
    /** A page, optionally posting a form. */
    page: (method: Method, url: string, form?: string) =>
      api.inject({ method, url, ...(form === undefined ? {} : { headers: FORM, payload: form }) }),
  };
}

/** Runs calls in order, each expected to answer its status. */
export async function expectStatuses(
  calls: Array<[() => Promise<LightMyRequestResponse>, number, string]>,
): Promise<void> {
  for (const [call, status, what] of calls) expect((await call()).statusCode, what).toBe(status);
}
