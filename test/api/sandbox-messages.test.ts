import { beforeEach, describe, expect, it } from "vitest";
import type { Application, Member } from "../../src/domain/records.js";
import { personUrn, salesIdentityUrn } from "../../src/urn.js";
import {
  adminGet,
  readAllEvents,
  regulate,
  resetFrozenWorld,
  sendBatch,
  sendMessage,
} from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { TEST_ADMIN_KEY, useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

describe.each(storeTargets)("the sandbox messaging control plane on $name", (target) => {
  let now: number;
  let app: Application;
  let ada: Member;
  let bob: Member;
  let cy: Member;
  let adaToken: string;

  const h = useHarness(target);
  beforeEach(async () => {
    now = await resetFrozenWorld(h.services);
    app = (await createTestApplication(h.services)).application;
    ada = await createTestMember(h.services, { firstName: "Ada" });
    bob = await createTestMember(h.services, { firstName: "Bob" });
    cy = await createTestMember(h.services, { firstName: "Cy", salesNavigator: false });
    adaToken = await regulate(h, app.id, ada.id);
  });

  const post = (payload: Record<string, unknown>) =>
    h.app.inject({
      method: "POST",
      url: "/sandbox/messages",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      payload,
    });
  const urn = (m: Member) => personUrn(m.id);
  const messageCount = () => h.services.store.messaging.countMessages();

  it("starts a thread with POST /sandbox/messages and answers 201 with the message, its thread and its events", async () => {
    const res = await post({
      from: urn(ada),
      to: [urn(bob), urn(cy)],
      text: "Hi",
      subject: "Intro",
    });
    expect(res.statusCode).toBe(201);
    const sent = res.json();
    expect(sent).toEqual({
      id: expect.stringMatching(/^2-/),
      urn: `urn:li:messagingMessage:${sent.id}`,
      thread: expect.stringMatching(/^urn:li:messagingThread:2-/),
      createdAt: now,
      capturedFor: [{ owner: urn(ada), application: app.id }],
    });
    const thread = (
      await adminGet(h.app, `/sandbox/threads/${encodeURIComponent(sent.thread)}`)
    ).json();
    expect(thread).toMatchObject({
      urn: sent.thread,
      subject: "Intro",
      creator: urn(ada),
      createdAt: now,
      lastMessageAt: now,
    });
    expect(thread.participants.map((p: { member: string }) => p.member).sort()).toEqual(
      [urn(ada), urn(bob), urn(cy)].sort(),
    );
    expect(thread.participants.find((p: { member: string }) => p.member === urn(cy)).identity).toBe(
      urn(cy),
    );
    expect(thread.messages).toEqual([
      expect.objectContaining({
        id: sent.id,
        from: urn(ada),
        author: salesIdentityUrn(ada.salesIdentityId!),
        text: "Hi",
      }),
    ]);
  });

  it("accepts a reply from a participant and refuses one from a non-participant or into an unknown thread", async () => {
    const first = await sendMessage(h.app, { from: urn(ada), to: [urn(bob)], text: "Hi" });
    await h.services.clock.advance(1000);
    const reply = await post({ from: urn(bob), thread: first.thread, text: "Hello back" });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ thread: first.thread, createdAt: now + 1000 });

    const intruder = await post({
      from: urn(cy),
      thread: first.thread,
      text: "Me too",
      mailbox: "PERSONAL",
    });
    expect(intruder.statusCode).toBe(400);
    expect(intruder.json()).toMatchObject({ status: 400, code: "INVALID_BODY" });
    const unknown = await post({
      from: urn(bob),
      thread: "urn:li:messagingThread:2-nothing",
      text: "?",
    });
    expect(unknown.statusCode).toBe(404);
    expect(await messageCount()).toBe(2);
    expect((await readAllEvents(h.app, adaToken)).map((e) => e.actor)).toEqual([
      urn(ada),
      urn(bob),
    ]);
  });

  it("rejects a message naming both or neither of to and thread, or a seat-less Sales Navigator sender", async () => {
    const thread = (await sendMessage(h.app, { from: urn(ada), to: [urn(bob)], text: "Hi" }))
      .thread;
    for (const payload of [
      { from: urn(ada), to: [urn(bob)], thread, text: "both" },
      { from: urn(ada), text: "neither" },
      { from: urn(cy), to: [urn(ada)], text: "no seat" },
      { from: urn(ada), to: [urn(ada)], text: "only myself" },
      { from: urn(ada), to: ["urn:li:person:nobody"], text: "unknown member" },
    ]) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ status: 400 });
    }
    expect(await messageCount()).toBe(1);
  });

  it("sends from a personal mailbox with the sender's person URN as author", async () => {
    const sent = await sendMessage(h.app, {
      from: urn(cy),
      to: [urn(ada)],
      text: "Hi",
      mailbox: "PERSONAL",
    });
    const [event] = await readAllEvents(h.app, adaToken);
    expect(event).toMatchObject({ resourceId: sent.id, owner: urn(ada), actor: urn(cy) });
    expect(event!.activity).toMatchObject({ owner: urn(cy), author: urn(cy) });
  });

  it("stores a batch in one transaction and answers its results in request order", async () => {
    const res = await sendBatch(h.app, [
      { from: urn(ada), to: [urn(bob)], text: "one" },
      { from: urn(bob), to: [urn(ada)], text: "two" },
      { from: urn(bob), to: [urn(cy)], text: "three" },
    ]);
    expect(res.statusCode).toBe(201);
    const { results } = res.json();
    expect(results.map((r: { capturedFor: unknown[] }) => r.capturedFor.length)).toEqual([1, 1, 0]);
    const events = await readAllEvents(h.app, adaToken);
    expect(events.map((e) => e.resourceId)).toEqual([results[0].id, results[1].id]);
    expect(events[0]!.processedAt).toBe(events[1]!.processedAt);
    expect(events[0]!.id).toBeLessThan(events[1]!.id);
  });

  it("stores nothing of a batch in which one message fails inside the transaction", async () => {
    const existing = await sendMessage(h.app, { from: urn(ada), to: [urn(bob)], text: "Hi" });
    const threadsBefore = (await adminGet(h.app, "/sandbox/threads")).json();
    const res = await sendBatch(h.app, [
      { from: urn(ada), to: [urn(bob)], text: "a new thread" },
      { from: urn(bob), thread: existing.thread, text: "a good reply" },
      { from: urn(cy), thread: existing.thread, text: "a reply from outside", mailbox: "PERSONAL" },
    ]);
    expect(res.statusCode).toBe(400);
    expect(await messageCount()).toBe(1);
    expect((await adminGet(h.app, "/sandbox/threads")).json()).toEqual(threadsBefore);
    expect((await readAllEvents(h.app, adaToken)).map((e) => e.resourceId)).toEqual([existing.id]);
    const next = await sendMessage(h.app, { from: urn(ada), to: [urn(bob)], text: "after" });
    expect(next.capturedFor).toHaveLength(1);
  });

  it("refuses a batch over 1000 messages or with an invalid element and stores nothing", async () => {
    const message = { from: urn(ada), to: [urn(bob)], text: "x" };
    expect(
      (
        await sendBatch(
          h.app,
          Array.from({ length: 1001 }, () => message),
        )
      ).statusCode,
    ).toBe(400);
    expect((await sendBatch(h.app, [message, { ...message, text: "" }])).statusCode).toBe(400);
    expect((await sendBatch(h.app, [])).statusCode).toBe(400);
    expect(await messageCount()).toBe(0);
  });

  it("lists threads newest activity first, filters them by member and shows one by URN or id", async () => {
    const t1 = await sendMessage(h.app, { from: urn(ada), to: [urn(bob)], text: "t1" });
    await h.services.clock.advance(1000);
    const t2 = await sendMessage(h.app, { from: urn(bob), to: [urn(cy)], text: "t2" });
    await h.services.clock.advance(1000);
    await sendMessage(h.app, { from: urn(bob), thread: t1.thread, text: "t1 again" });

    const all = (await adminGet(h.app, "/sandbox/threads")).json().elements;
    expect(all.map((t: { urn: string }) => t.urn)).toEqual([t1.thread, t2.thread]);
    expect(all[0].lastMessageAt).toBe(now + 2000);
    const cys = (
      await adminGet(h.app, `/sandbox/threads?member=${encodeURIComponent(urn(cy))}`)
    ).json().elements;
    expect(cys.map((t: { urn: string }) => t.urn)).toEqual([t2.thread]);

    const bareId = t1.thread.replace("urn:li:messagingThread:", "");
    const shown = (await adminGet(h.app, `/sandbox/threads/${bareId}`)).json();
    expect(shown.messages.map((m: { text: string }) => m.text)).toEqual(["t1", "t1 again"]);
    const missing = await adminGet(h.app, "/sandbox/threads/2-missing");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});
