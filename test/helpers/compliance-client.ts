import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Application, Member } from "../../src/domain/records.js";
import type { Services } from "../../src/services.js";
import { applicationUrn, personUrn } from "../../src/urn.js";
import { createTestApplication, createTestMember, insertTestToken } from "./factories.js";
import { TEST_ADMIN_KEY } from "./harness.js";

/**
 * The calls an archiver and a sandbox user make, over `inject()`, so tests read like the
 * scenario they prove rather than like HTTP plumbing.
 */

export const API_VERSION = "202310";

export function restHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, "linkedin-version": API_VERSION };
}

const adminHeaders = { authorization: `Bearer ${TEST_ADMIN_KEY}` };

/** A compliance event as the API returns it (only the fields tests look at are typed). */
export interface WireEvent {
  id: number;
  owner: string;
  actor: string;
  resourceId: string;
  activityId: string;
  capturedAt: number;
  processedAt: number;
  activity: Record<string, unknown>;
  processedActivity: Record<string, unknown>;
  siblingActivities: Array<Record<string, unknown>>;
  parentSiblingActivities: unknown[];
  [field: string]: unknown;
}

export interface EventsPage {
  elements: WireEvent[];
  paging: {
    start: number;
    count: number;
    total?: number;
    links: Array<{ rel: string; type: string; href: string }>;
  };
}

/** `POST /rest/memberComplianceAuthorizations {}`: the token's member opts in. */
export function optIn(app: FastifyInstance, token: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/rest/memberComplianceAuthorizations",
    headers: restHeaders(token),
    payload: {},
  });
}

/** The compound key in Rest.li 2.0 encoding, as LinkedIn's clients put it in the path. */
export function authorizationKey(applicationId: string, memberId: string): string {
  const enc = encodeURIComponent;
  return `(developerApplication:${enc(applicationUrn(applicationId))},member:${enc(personUrn(memberId))})`;
}

/** `DELETE /rest/memberComplianceAuthorizations/{key}`: opt out, with a member or application token. */
export function optOut(
  app: FastifyInstance,
  token: string,
  applicationId: string,
  memberId: string,
) {
  return app.inject({
    method: "DELETE",
    url: `/rest/memberComplianceAuthorizations/${authorizationKey(applicationId, memberId)}`,
    headers: restHeaders(token),
  });
}

/** `GET /rest/complianceEvents?q=memberAndApplication&…` with the given extra parameters. */
export function getEvents(
  app: FastifyInstance,
  token: string,
  params: Record<string, string | number> = {},
) {
  const query = new URLSearchParams({ q: "memberAndApplication" });
  for (const [name, value] of Object.entries(params)) query.append(name, String(value));
  return app.inject({
    method: "GET",
    url: `/rest/complianceEvents?${query}`,
    headers: restHeaders(token),
  });
}

/**
 * Every event the token can read from `startTime`, paging with `start`/`count` until a page
 * shorter than `count` (LinkedIn's end-of-data signal). Fails loudly on any non-200.
 */
export async function readAllEvents(
  app: FastifyInstance,
  token: string,
  options: { count?: number; startTime?: number } = {},
): Promise<WireEvent[]> {
  const count = options.count ?? 50;
  const events: WireEvent[] = [];
  for (let start = 0; ; start += count) {
    const params: Record<string, number> = { start, count };
    if (options.startTime !== undefined) params.startTime = options.startTime;
    const res = await getEvents(app, token, params);
    if (res.statusCode !== 200)
      throw new Error(`complianceEvents answered ${res.statusCode}: ${res.body}`);
    const page = res.json() as EventsPage;
    events.push(...page.elements);
    if (page.elements.length < count) return events;
  }
}

export interface SentMessage {
  id: string;
  urn: string;
  thread: string;
  createdAt: number;
  capturedFor: Array<{ owner: string; application: string }>;
}

/** `POST /sandbox/messages`; fails loudly unless the message was stored (201). */
export async function sendMessage(
  app: FastifyInstance,
  body: Record<string, unknown>,
): Promise<SentMessage> {
  const res = await app.inject({
    method: "POST",
    url: "/sandbox/messages",
    headers: adminHeaders,
    payload: body,
  });
  if (res.statusCode !== 201)
    throw new Error(`POST /sandbox/messages answered ${res.statusCode}: ${res.body}`);
  return res.json() as SentMessage;
}

/** `POST /sandbox/messages:batch` with the raw response, for tests of success and failure. */
export function sendBatch(app: FastifyInstance, messages: Array<Record<string, unknown>>) {
  return app.inject({
    method: "POST",
    url: "/sandbox/messages:batch",
    headers: adminHeaders,
    payload: { messages },
  });
}

export function adminGet(app: FastifyInstance, url: string) {
  return app.inject({ method: "GET", url, headers: adminHeaders });
}

/** Gives the member a fresh token for the application and opts them in through the API. */
export async function regulate(
  h: { app: FastifyInstance; services: Services },
  applicationId: string,
  memberId: string,
  lifetimeMs?: number,
): Promise<string> {
  const token = await insertTestToken(h.services, {
    applicationId,
    memberId,
    ...(lifetimeMs ? { lifetimeMs } : {}),
  });
  const res = await optIn(h.app, token);
  if (res.statusCode !== 201) throw new Error(`opt-in answered ${res.statusCode}: ${res.body}`);
  return token;
}

/** Empties the store and freezes the virtual clock, so every time in a test is exact. */
export async function resetFrozenWorld(services: Services): Promise<number> {
  await services.store.resetWorld();
  await services.clock.load();
  await services.clock.freeze(true);
  return services.clock.nowMs();
}

/**
 * The world many event tests start each test from: an empty store on a frozen clock (`t0`),
 * one application, Ada and Bob, and Ada regulated for the application (`adaToken`).
 */
export async function resetRegulatedPair(h: { app: FastifyInstance; services: Services }): Promise<{
  t0: number;
  app: Application;
  ada: Member;
  bob: Member;
  adaToken: string;
}> {
  const t0 = await resetFrozenWorld(h.services);
  const app = (await createTestApplication(h.services)).application;
  const ada = await createTestMember(h.services);
  const bob = await createTestMember(h.services);
  const adaToken = await regulate(h, app.id, ada.id);
  return { t0, app, ada, bob, adaToken };
}
