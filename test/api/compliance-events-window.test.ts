import { beforeEach, describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/clock.js";
import { purgeExpiredEvents } from "../../src/domain/events/find-events.js";
import type { Application, Member } from "../../src/domain/records.js";
import { personUrn } from "../../src/urn.js";
import {
  type EventsPage,
  getEvents,
  readAllEvents,
  regulate,
  resetRegulatedPair,
  sendMessage,
} from "../helpers/compliance-client.js";
import { createTestApplication } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

const WINDOW_MS = 28 * DAY_MS;

describe.each(storeTargets)(
  "the 28-day window and time bounds of complianceEvents on $name",
  (target) => {
    let t0: number;
    let app: Application;
    let ada: Member;
    let bob: Member;
    let token: string;

    const h = useHarness(target);
    beforeEach(async () => {
      ({ t0, app, ada, bob, adaToken: token } = await resetRegulatedPair(h));
    });

    const send = () =>
      sendMessage(h.app, { from: personUrn(ada.id), to: [personUrn(bob.id)], text: "Hi" });
    /** Sends one message at each offset from t0, in order, leaving the clock at the last one. */
    const sendAt = async (...offsetsMs: number[]) => {
      const ids: string[] = [];
      for (const offset of offsetsMs) {
        await h.services.clock.advance(t0 + offset - h.services.clock.nowMs());
        ids.push((await send()).id);
      }
      return ids;
    };
    const ids = async (params: Record<string, string | number>) => {
      const res = await getEvents(h.app, token, { count: 50, ...params });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as EventsPage).elements.map((e) => e.resourceId);
    };
    const advanceTo = (atMs: number) => h.services.clock.advance(atMs - h.services.clock.nowMs());

    it("includes startTime and excludes endTime, both on processedAt", async () => {
      const [m0, m1, m2] = await sendAt(0, 1000, 2000);
      expect(await ids({ startTime: t0 + 1000 })).toEqual([m1, m2]);
      expect(await ids({ startTime: t0 + 1001 })).toEqual([m2]);
      expect(await ids({ endTime: t0 + 2000 })).toEqual([m0, m1]);
      expect(await ids({ startTime: t0 + 1000, endTime: t0 + 1001 })).toEqual([m1]);
      expect(await ids({ startTime: t0 + 1000, endTime: t0 + 1000 })).toEqual([]);
    });

    it("returns the boundary event again when startTime equals its processedAt, as LinkedIn's polling expects", async () => {
      const [m0, m1] = await sendAt(0, 500);
      const first = await readAllEvents(h.app, token, { startTime: 0 });
      const cursor = Math.max(...first.map((e) => e.processedAt));
      const [m2] = await sendAt(500);
      const second = await readAllEvents(h.app, token, { startTime: cursor });
      expect(second.map((e) => e.resourceId)).toEqual([m1, m2]);
      const seen = new Map([...first, ...second].map((e) => [e.id, e.resourceId]));
      expect([...seen.values()]).toEqual([m0, m1, m2]);
    });

    it("answers a startTime in the future with 200 and no elements", async () => {
      await sendAt(0);
      expect(await ids({ startTime: t0 + 1 })).toEqual([]);
      expect(await ids({ startTime: t0 + 365 * DAY_MS })).toEqual([]);
    });

    it("reads a startTime older than 28 days as 28 days ago, never as an error", async () => {
      const [, m10] = await sendAt(0, 10 * DAY_MS);
      await advanceTo(t0 + 30 * DAY_MS);
      expect(await ids({ startTime: 0 })).toEqual([m10]);
      expect(await ids({ startTime: t0 })).toEqual([m10]);
      expect(await ids({})).toEqual([m10]);
    });

    it.each([
      ["startTime", "abc"],
      ["startTime", "-1"],
      ["startTime", "1.5"],
      ["startTime", ""],
      ["endTime", "soon"],
      ["endTime", "-5"],
    ])(
      "answers %s=%s with 400 in LinkedIn's validation form naming the parameter",
      async (name, value) => {
        const res = await getEvents(h.app, token, { [name]: value });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({
          status: 400,
          message: "Invalid param. Please see errorDetails for more information.",
          errorDetails: {
            inputErrors: [{ input: { inputPath: { fieldPath: name } }, code: "PARAM_INVALID" }],
          },
        });
      },
    );

    it("serves an event until exactly 28 days after its processedAt and never after, whatever startTime says", async () => {
      const [m0, m1] = await sendAt(0, 1);
      await advanceTo(t0 + WINDOW_MS);
      expect(await ids({ startTime: 0 })).toEqual([m0, m1]);
      await advanceTo(t0 + WINDOW_MS + 1);
      expect(await ids({ startTime: 0 })).toEqual([m1]);
      expect(await ids({ startTime: t0, endTime: t0 + 1 })).toEqual([]);
      await advanceTo(t0 + WINDOW_MS + 2);
      expect(await ids({})).toEqual([]);
    });

    it("purges exactly the events that aged out and none younger, for every stream", async () => {
      const other = (await createTestApplication(h.services)).application;
      await regulate(h, other.id, ada.id);
      await regulate(h, app.id, bob.id);
      const [old, young, newest] = await sendAt(0, 1, 5 * DAY_MS);
      await advanceTo(t0 + WINDOW_MS + 1);
      const deps = { store: h.services.store, clock: h.services.clock, retentionDays: 28 };
      expect(await purgeExpiredEvents(deps)).toBe(3);
      expect(await purgeExpiredEvents(deps)).toBe(0);
      for (const [applicationId, ownerMemberId] of [
        [app.id, ada.id],
        [other.id, ada.id],
        [app.id, bob.id],
      ] as const) {
        const stored = await h.services.store.messaging.findEvents({
          applicationId,
          ownerMemberId,
          fromMs: 0,
          toMs: null,
          offset: 0,
          limit: 100,
        });
        expect(stored.rows.map((r) => r.messageId)).toEqual([young, newest]);
      }
      expect(old).toBeDefined();
      expect(await ids({})).toEqual([young, newest]);
    });
  },
);
