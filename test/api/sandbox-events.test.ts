import { beforeEach, describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/clock.js";
import type { Application, Member } from "../../src/domain/records.js";
import { applicationUrn, personUrn } from "../../src/urn.js";
import {
  type EventsPage,
  getEvents,
  resetRegulatedPair,
  sendMessage,
  type WireEvent,
} from "../helpers/compliance-client.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

interface EventStream {
  elements: WireEvent[];
  hasMore: boolean;
  windowStart: number;
  total: number;
  start: number;
}

describe.each(storeTargets)("GET /sandbox/events on $name", (target) => {
  let t0: number;
  let app: Application;
  let ada: Member;
  let bob: Member;
  let adaToken: string;

  const h = useHarness(target);
  beforeEach(async () => {
    ({ t0, app, ada, bob, adaToken } = await resetRegulatedPair(h));
  });

  const stream = (query: string, headers: Record<string, string> = h.admin) =>
    h.app.inject({ method: "GET", url: `/sandbox/events?${query}`, headers });
  const streamOf = async (member: Member, extra = "") => {
    const res = await stream(`application=${app.id}&member=${member.id}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EventStream;
  };
  const sendAt = async (offsetMs: number, from: Member, to: Member, text: string) => {
    await h.services.clock.advance(t0 + offsetMs - h.services.clock.nowMs());
    return sendMessage(h.app, { from: personUrn(from.id), to: [personUrn(to.id)], text });
  };

  it("returns the same records as the Compliance Events API, oldest first", async () => {
    await sendAt(0, ada, bob, "first");
    await sendAt(1_000, bob, ada, "second");
    const api = (await getEvents(h.app, adaToken, { count: 50 })).json() as EventsPage;
    const console = await streamOf(ada);
    expect(api.elements).toHaveLength(2);
    expect(console.elements).toEqual(api.elements);
    expect(console.hasMore).toBe(false);
    expect(console.windowStart).toBe(t0 + 1_000 - 28 * DAY_MS);
    const [outbound, inbound] = console.elements;
    expect(outbound).toMatchObject({ owner: personUrn(ada.id), actor: personUrn(ada.id) });
    expect(inbound).toMatchObject({ owner: personUrn(ada.id), actor: personUrn(bob.id) });
  });

  it("with a limit, keeps the newest events and still lists them newest last", async () => {
    const sent = [];
    for (let i = 0; i < 5; i += 1) sent.push(await sendAt(i * 100, ada, bob, `m${i}`));
    const latest = await streamOf(ada, "&limit=2");
    expect(latest.elements.map((e) => e.resourceId)).toEqual([sent[3]!.id, sent[4]!.id]);
    expect(latest.hasMore).toBe(true);
    expect((await streamOf(ada, "&limit=5")).hasMore).toBe(false);
  });

  it("counts the whole stream and pages through it from any offset, oldest first", async () => {
    const sent = [];
    for (let i = 0; i < 7; i += 1) sent.push(await sendAt(i * 100, ada, bob, `m${i}`));
    const ids = sent.map((message) => message.id);
    const latest = await streamOf(ada, "&limit=3");
    expect(latest).toMatchObject({ total: 7, start: 4, hasMore: true });
    expect(latest.elements.map((e) => e.resourceId)).toEqual(ids.slice(4));
    const first = await streamOf(ada, "&limit=3&start=0");
    expect(first).toMatchObject({ total: 7, start: 0, hasMore: true });
    expect(first.elements.map((e) => e.resourceId)).toEqual(ids.slice(0, 3));
    const last = await streamOf(ada, "&limit=3&start=6");
    expect(last).toMatchObject({ total: 7, start: 6, hasMore: false });
    expect(last.elements.map((e) => e.resourceId)).toEqual(ids.slice(6));
    // The count follows the window: events that aged out are neither counted nor shown.
    await h.services.clock.advance(28 * DAY_MS - 350);
    const aged = await streamOf(ada, "&limit=50&start=0");
    expect(aged.total).toBe(4);
    expect(aged.elements.map((e) => e.resourceId)).toEqual(ids.slice(3));
    expect((await stream(`application=${app.id}&member=${ada.id}&start=-1`)).statusCode).toBe(400);
  });

  it("accepts URNs and shows nothing for a member who is not regulated", async () => {
    await sendAt(0, ada, bob, "hi");
    const byUrn = await stream(
      `application=${encodeURIComponent(applicationUrn(app.id))}&member=${encodeURIComponent(personUrn(ada.id))}`,
    );
    expect(byUrn.json().elements).toHaveLength(1);
    expect((await streamOf(bob)).elements).toEqual([]);
  });

  it("keeps to the 28-day window, like the Events API", async () => {
    await sendAt(0, ada, bob, "old");
    await sendAt(DAY_MS, ada, bob, "newer");
    // The window is inclusive of its start, like startTime: now − 28 days still shows t0.
    await h.services.clock.advance(t0 + 28 * DAY_MS - h.services.clock.nowMs());
    expect((await streamOf(ada)).elements).toHaveLength(2);
    await h.services.clock.advance(1);
    expect((await streamOf(ada)).elements).toHaveLength(1);
    await h.services.clock.advance(DAY_MS);
    expect((await streamOf(ada)).elements).toEqual([]);
  });

  it("answers 404 for an unknown application or member", async () => {
    for (const query of [
      `application=999999&member=${ada.id}`,
      `application=${app.id}&member=nobody`,
    ]) {
      const res = await stream(query);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
    }
  });

  it("answers 400 for a missing parameter, an unknown one or a bad limit", async () => {
    for (const query of [
      `member=${ada.id}`,
      `application=${app.id}`,
      `application=${app.id}&member=${ada.id}&limit=0`,
      `application=${app.id}&member=${ada.id}&limit=abc`,
      `application=${app.id}&member=${ada.id}&limit=10000`,
      `application=${app.id}&member=${ada.id}&offset=3`,
    ]) {
      const res = await stream(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, errorDetails: expect.any(Object) });
    }
  });

  it("answers 401 without the admin key", async () => {
    const refused: Array<Record<string, string>> = [
      {},
      { authorization: "Bearer wrong-key" },
      { authorization: `Bearer ${adaToken}` },
    ];
    for (const headers of refused) {
      const res = await stream(`application=${app.id}&member=${ada.id}`, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: "ADMIN_KEY_REQUIRED" });
    }
  });
});
