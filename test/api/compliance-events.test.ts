import { beforeEach, describe, expect, it } from "vitest";
import type { Application, Member } from "../../src/domain/records.js";
import { personUrn } from "../../src/urn.js";
import {
  type EventsPage,
  getEvents,
  readAllEvents,
  regulate,
  resetFrozenWorld,
  restHeaders,
  sendBatch,
  sendMessage,
} from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

const VALIDATION_MESSAGE = "Invalid param. Please see errorDetails for more information.";

describe.each(storeTargets)(
  "GET /rest/complianceEvents?q=memberAndApplication on $name",
  (target) => {
    let appA: Application;
    let appB: Application;
    let ada: Member;
    let bob: Member;
    let adaA: string;

    const h = useHarness(target);
    beforeEach(async () => {
      await resetFrozenWorld(h.services);
      appA = (await createTestApplication(h.services)).application;
      appB = (await createTestApplication(h.services)).application;
      ada = await createTestMember(h.services);
      bob = await createTestMember(h.services);
      adaA = await regulate(h, appA.id, ada.id);
    });

    /** `n` messages between Ada and Bob in one batch (one transaction, one processedAt). */
    const exchange = async (n: number) => {
      const messages = Array.from({ length: n }, (_, i) => ({
        from: personUrn(i % 2 ? bob.id : ada.id),
        to: [personUrn(i % 2 ? ada.id : bob.id)],
        text: `message ${i}`,
      }));
      const res = await sendBatch(h.app, messages);
      expect(res.statusCode, res.body).toBe(201);
      return (res.json().results as Array<{ id: string }>).map((r) => r.id);
    };
    const page = async (token: string, params: Record<string, string | number> = {}) => {
      const res = await getEvents(h.app, token, params);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as EventsPage;
    };

    it("returns only the token member's events for the token's application, ascending by processedAt then id", async () => {
      const adaB = await regulate(h, appB.id, ada.id);
      const bobA = await regulate(h, appA.id, bob.id);
      const first = await exchange(3);
      await h.services.clock.advance(1000);
      const [later] = await exchange(1);
      const expectedOrder = [...first, later];

      const forAdaA = await readAllEvents(h.app, adaA);
      const forAdaB = await readAllEvents(h.app, adaB);
      const forBobA = await readAllEvents(h.app, bobA);
      expect(forAdaA.map((e) => e.resourceId)).toEqual(expectedOrder);
      expect(forAdaB.map((e) => e.resourceId)).toEqual(expectedOrder);
      expect(forBobA.map((e) => e.resourceId)).toEqual(expectedOrder);
      expect(new Set(forAdaA.map((e) => e.owner))).toEqual(new Set([personUrn(ada.id)]));
      expect(new Set(forBobA.map((e) => e.owner))).toEqual(new Set([personUrn(bob.id)]));
      const allIds = [...forAdaA, ...forAdaB, ...forBobA].map((e) => e.id);
      expect(new Set(allIds).size).toBe(12);
      // Three events share one processedAt: the tie is broken by id.
      expect(forAdaA.slice(0, 3).map((e) => e.processedAt)).toEqual(
        Array(3).fill(forAdaA[0]!.processedAt),
      );
      expect(forAdaA.map((e) => e.id)).toEqual([...forAdaA.map((e) => e.id)].sort((x, y) => x - y));
      expect(forAdaA[3]!.processedAt).toBe(forAdaA[0]!.processedAt + 1000);
    });

    it("pages 10 at a time by default and links the next page while more elements exist", async () => {
      const sent = await exchange(12);
      const first = await page(adaA);
      expect(first.elements.map((e) => e.resourceId)).toEqual(sent.slice(0, 10));
      expect(first.paging).toMatchObject({ start: 0, count: 10 });
      const next = first.paging.links.find((l) => l.rel === "next");
      expect(next).toMatchObject({
        type: "application/json",
        href: expect.stringMatching(/^\/rest\/complianceEvents\?/),
      });
      const res = await h.app.inject({
        method: "GET",
        url: next!.href,
        headers: restHeaders(adaA),
      });
      const second = res.json() as EventsPage;
      expect(second.elements.map((e) => e.resourceId)).toEqual(sent.slice(10));
      expect(second.paging).toMatchObject({ start: 10, count: 10 });
      expect(second.paging.links.some((l) => l.rel === "next")).toBe(false);
    });

    it("pages with start and count: every event exactly once, ending with a short page", async () => {
      const sent = await exchange(7);
      const pages = [];
      for (let start = 0; start < 9; start += 3) pages.push(await page(adaA, { start, count: 3 }));
      expect(pages.map((p) => p.elements.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => p.elements.map((e) => e.resourceId))).toEqual(sent);
      expect(pages.map((p) => p.paging.links.some((l) => l.rel === "next"))).toEqual([
        true,
        true,
        false,
      ]);
      expect((await page(adaA, { start: 7, count: 3 })).elements).toEqual([]);
      expect((await page(adaA, { count: 1 })).elements).toHaveLength(1);
      expect((await page(adaA, { count: 50 })).elements).toHaveLength(7);
    });

    it.each([
      ["count", "0"],
      ["count", "51"],
      ["count", "-1"],
      ["count", "abc"],
      ["count", "2.5"],
      ["start", "-1"],
      ["start", "abc"],
    ])(
      "answers %s=%s with 400 in LinkedIn's validation form naming the parameter",
      async (name, value) => {
        await exchange(1);
        const res = await getEvents(h.app, adaA, { [name]: value });
        expect(res.statusCode).toBe(400);
        expect(res.headers["x-restli-error-response"]).toBe("true");
        expect(res.json()).toEqual({
          status: 400,
          message: VALIDATION_MESSAGE,
          errorDetails: {
            inputErrors: [
              {
                description: expect.any(String),
                input: { inputPath: { fieldPath: name } },
                code: "PARAM_INVALID",
              },
            ],
          },
        });
      },
    );

    it("answers a repeated count with 400 naming count, and an out-of-range one naming the recommended 10", async () => {
      const repeated = await h.app.inject({
        method: "GET",
        url: "/rest/complianceEvents?q=memberAndApplication&count=5&count=6",
        headers: restHeaders(adaA),
      });
      expect(repeated.statusCode).toBe(400);
      expect(repeated.json()).toMatchObject({
        errorDetails: { inputErrors: [{ input: { inputPath: { fieldPath: "count" } } }] },
      });
      const tooMany = (await getEvents(h.app, adaA, { count: 51 })).json();
      expect(tooMany.errorDetails.inputErrors[0].description).toContain("10");
    });

    it("trims every element to the projected fields", async () => {
      await exchange(2);
      const { elements } = await page(adaA, { fields: "id,processedAt" });
      expect(elements).toHaveLength(2);
      for (const element of elements)
        expect(Object.keys(element).sort()).toEqual(["id", "processedAt"]);
      const nested = await page(adaA, { fields: "resourceId,activity:(id,owner)" });
      expect(Object.keys(nested.elements[0]!.activity).sort()).toEqual(["id", "owner"]);
    });

    it("answers an application token with 403 ACCESS_DENIED naming the finder", async () => {
      await exchange(1);
      const appToken = await insertTestToken(h.services, {
        applicationId: appA.id,
        memberId: null,
      });
      const res = await getEvents(h.app, appToken);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        status: 403,
        serviceErrorCode: 100,
        code: "ACCESS_DENIED",
        message:
          "Not enough permissions to access: complianceEvents.FINDER-memberAndApplication.20231001",
      });
    });

    it("answers a member token without r_compliance_sales_nav with 403 and no events", async () => {
      await exchange(1);
      const token = await insertTestToken(h.services, {
        applicationId: appA.id,
        memberId: ada.id,
        scopes: ["r_liteprofile"],
      });
      const res = await getEvents(h.app, token);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ status: 403, code: "ACCESS_DENIED" });
      expect(res.body).not.toContain("elements");
    });

    it("answers an unknown or missing finder with 404 before checking permissions", async () => {
      const appToken = await insertTestToken(h.services, {
        applicationId: appA.id,
        memberId: null,
      });
      for (const url of [
        "/rest/complianceEvents?q=member",
        "/rest/complianceEvents?q=memberAndApplicationX",
      ]) {
        for (const token of [adaA, appToken]) {
          const res = await h.app.inject({ method: "GET", url, headers: restHeaders(token) });
          expect(res.statusCode, url).toBe(404);
          expect(res.json()).toEqual({
            status: 404,
            code: "RESOURCE_NOT_FOUND",
            message: "No virtual resource found",
          });
        }
      }
    });

    it("gives a member who is not regulated 200 with the events still in the window", async () => {
      const [kept] = await exchange(1);
      const bobA = await insertTestToken(h.services, { applicationId: appA.id, memberId: bob.id });
      expect((await page(bobA)).elements).toEqual([]);
      const sent = await sendMessage(h.app, {
        from: personUrn(ada.id),
        to: [personUrn(bob.id)],
        text: "x",
      });
      await h.services.store.authorizations.optOut(appA.id, ada.id, "API_OPT_OUT");
      expect((await page(adaA)).elements.map((e) => e.resourceId)).toEqual([kept, sent.id]);
    });
  },
);
