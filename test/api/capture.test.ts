import { beforeEach, describe, expect, it } from "vitest";
import type { Application, Member } from "../../src/domain/records.js";
import { hashSecret } from "../../src/secrets.js";
import { personUrn, salesIdentityUrn } from "../../src/urn.js";
import {
  getEvents,
  optIn,
  optOut,
  readAllEvents,
  regulate,
  resetFrozenWorld,
  sendBatch,
  sendMessage,
} from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOUR_MS = 3_600_000;

describe.each(storeTargets)("capture of Sales Navigator messages on $name", (target) => {
  let now: number;
  let appA: Application;
  let appB: Application;
  let ada: Member;
  let bob: Member;
  let cy: Member;

  const h = useHarness(target);
  beforeEach(async () => {
    now = await resetFrozenWorld(h.services);
    appA = (await createTestApplication(h.services)).application;
    appB = (await createTestApplication(h.services)).application;
    ada = await createTestMember(h.services, { firstName: "Ada", lastName: "Lovelace" });
    bob = await createTestMember(h.services, { firstName: "Bob", lastName: "Noyce" });
    cy = await createTestMember(h.services, {
      firstName: "Cy",
      lastName: "Young",
      salesNavigator: false,
    });
  });

  const readAs = async (application: Application, member: Member) =>
    readAllEvents(
      h.app,
      await insertTestToken(h.services, { applicationId: application.id, memberId: member.id }),
    );
  const send = (from: Member, to: Member[], extra: Record<string, unknown> = {}) =>
    sendMessage(h.app, {
      from: personUrn(from.id),
      to: to.map((m) => personUrn(m.id)),
      text: "Hello",
      ...extra,
    });
  const identity = (m: Member) =>
    m.salesIdentityId ? salesIdentityUrn(m.salesIdentityId) : personUrn(m.id);
  const identityProfile = (m: Member) => ({
    localizedFirstName: m.firstName,
    localizedLastName: m.lastName,
    ...(m.salesIdentityId ? { id: m.salesIdentityId, member: personUrn(m.id) } : { id: m.id }),
  });

  it("gives each regulated participant exactly the documented event: outbound actor is the owner, inbound actor the sender", async () => {
    await regulate(h, appA.id, ada.id);
    await regulate(h, appA.id, cy.id);
    const attachment = { name: "deck.pdf", mediaType: "application/pdf", byteSize: 48213 };
    const sent = await send(ada, [bob, cy], { subject: "Q3 plan", attachments: [attachment] });
    expect(sent.capturedFor).toEqual(
      expect.arrayContaining([
        { owner: personUrn(ada.id), application: appA.id },
        { owner: personUrn(cy.id), application: appA.id },
      ]),
    );
    expect(sent.capturedFor).toHaveLength(2);

    const [outbound, ...moreOut] = await readAs(appA, ada);
    const [inbound, ...moreIn] = await readAs(appA, cy);
    expect(moreOut).toEqual([]);
    expect(moreIn).toEqual([]);
    const assetUrn = (outbound!.activity.attachments as string[])[0]!;
    expect(assetUrn).toMatch(/^urn:li:digitalmediaAsset:/);
    const activity = {
      $URN: `urn:li:messagingMessage:${sent.id}`,
      id: sent.id,
      owner: personUrn(ada.id),
      author: salesIdentityUrn(ada.salesIdentityId!),
      thread: sent.thread,
      createdAt: now,
      deliveredAt: now,
      content: {
        format: "TEXT",
        fallback: "Hello",
        formatVersion: 1,
        content: { string: "Hello" },
      },
      attachments: [assetUrn],
      subject: "Q3 plan",
    };
    const membership = [ada, bob, cy]
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((m) => ({ identity: identity(m), createdAt: now, "identity~": identityProfile(m) }));
    const expected = {
      id: expect.any(Number),
      owner: personUrn(ada.id),
      actor: personUrn(ada.id),
      resourceName: "messages",
      resourceId: sent.id,
      resourceUri: `/messages/${sent.id}`,
      method: "CREATE",
      configVersion: 1,
      activityId: expect.stringMatching(UUID),
      activityStatus: "SUCCESS",
      capturedAt: now,
      processedAt: now,
      activity,
      processedActivity: {
        ...activity,
        "owner~": { localizedFirstName: "Ada", localizedLastName: "Lovelace", id: ada.id },
        "author~": identityProfile(ada),
        "thread~": { owner: salesIdentityUrn(ada.salesIdentityId!), membership },
        "attachments~": [{ id: assetUrn, ...attachment }],
      },
      siblingActivities: [],
      parentSiblingActivities: [],
    };
    expect(outbound).toEqual(expected);
    expect(inbound).toEqual({ ...expected, owner: personUrn(cy.id), actor: personUrn(ada.id) });
    expect(inbound!.id).not.toBe(outbound!.id);
    expect(inbound!.activityId).toBe(outbound!.activityId);
    expect(await readAs(appA, bob)).toEqual([]);
  });

  it("lists up to 10 previous messages of the thread in siblingActivities, newest first", async () => {
    await regulate(h, appA.id, ada.id);
    const first = await send(ada, [bob]);
    for (let i = 1; i <= 11; i++) {
      await h.services.clock.advance(1000);
      await sendMessage(h.app, {
        from: personUrn(i % 2 ? bob.id : ada.id),
        thread: first.thread,
        text: `reply ${i}`,
      });
    }
    const events = await readAs(appA, ada);
    expect(events).toHaveLength(12);
    expect(events.map((e) => e.processedAt)).toEqual(events.map((_, i) => now + i * 1000));
    expect(events[0]!.siblingActivities).toEqual([]);
    expect(events[1]!.siblingActivities).toEqual([events[0]!.activity]);
    const last = events[11]!;
    expect(last.siblingActivities).toEqual(
      events
        .slice(1, 11)
        .reverse()
        .map((e) => e.activity),
    );
    expect(last.parentSiblingActivities).toEqual([]);
    expect(last.actor).toBe(personUrn(bob.id));
    expect(last.processedActivity["thread~"] as object).toEqual(
      events[0]!.processedActivity["thread~"],
    );
  });

  it("chains siblingActivities through the messages of one batch as if they came one by one", async () => {
    await regulate(h, appA.id, ada.id);
    const first = await send(ada, [bob]);
    const res = await sendBatch(
      h.app,
      [1, 2, 3].map((i) => ({
        from: personUrn(i % 2 ? bob.id : ada.id),
        thread: first.thread,
        text: `r${i}`,
      })),
    );
    expect(res.statusCode).toBe(201);
    const events = await readAs(appA, ada);
    expect(events.map((e) => e.siblingActivities.length)).toEqual([0, 1, 2, 3]);
    expect(events[3]!.siblingActivities).toEqual(
      events
        .slice(0, 3)
        .reverse()
        .map((e) => e.activity),
    );
  });

  it("captures nothing before opt-in, after opt-out or after the member removed the app, even within one millisecond", async () => {
    const token = await insertTestToken(h.services, { applicationId: appA.id, memberId: ada.id });
    const beforeOptIn = await send(ada, [bob], { text: "before opt-in" });
    expect((await optIn(h.app, token)).statusCode).toBe(201);
    const regulated1 = await send(ada, [bob], { text: "regulated 1" });
    expect((await optOut(h.app, token, appA.id, ada.id)).statusCode).toBe(204);
    const afterOptOut = await send(bob, [ada], { text: "after opt-out" });
    expect((await optIn(h.app, token)).statusCode).toBe(201);
    const regulated2 = await send(bob, [ada], { text: "regulated 2" });
    const removed = await h.services.store.authorizations.removeApplicationForMember(
      appA.id,
      ada.id,
    );
    expect(removed).toEqual({ revokedTokens: 1, endedAuthorization: true });
    const afterRemoval = await send(ada, [bob], { text: "after removal" });

    for (const silent of [beforeOptIn, afterOptOut, afterRemoval])
      expect(silent.capturedFor).toEqual([]);
    expect((await getEvents(h.app, token)).json()).toMatchObject({
      status: 401,
      code: "REVOKED_ACCESS_TOKEN",
    });
    const events = await readAs(appA, ada);
    expect(events.map((e) => e.resourceId)).toEqual([regulated1.id, regulated2.id]);
    expect(events.map((e) => e.actor)).toEqual([personUrn(ada.id), personUrn(bob.id)]);
  });

  it("captures nothing for a conversation among unregulated members", async () => {
    await regulate(h, appA.id, cy.id);
    const sent = await send(ada, [bob]);
    await sendMessage(h.app, { from: personUrn(bob.id), thread: sent.thread, text: "reply" });
    expect(sent.capturedFor).toEqual([]);
    for (const member of [ada, bob, cy]) {
      for (const application of [appA, appB]) expect(await readAs(application, member)).toEqual([]);
    }
  });

  it("gives a member regulated by two applications one event per application, each visible only to its own", async () => {
    await regulate(h, appA.id, ada.id);
    await regulate(h, appB.id, ada.id);
    await regulate(h, appB.id, bob.id);
    const sent = await send(ada, [bob]);
    expect(sent.capturedFor).toHaveLength(3);
    const [forA, ...moreA] = await readAs(appA, ada);
    const forB = await readAs(appB, ada);
    expect(moreA).toEqual([]);
    expect(forB).toHaveLength(1);
    expect(forA!.resourceId).toBe(sent.id);
    expect(forB[0]!.resourceId).toBe(sent.id);
    expect(forA!.id).not.toBe(forB[0]!.id);
    expect(await readAs(appA, bob)).toEqual([]);
    expect((await readAs(appB, bob)).map((e) => [e.owner, e.actor])).toEqual([
      [personUrn(bob.id), personUrn(ada.id)],
    ]);
  });

  it("captures right after a re-opt-in even when the clock was set back before any message", async () => {
    const token = await regulate(h, appA.id, ada.id);
    expect((await optOut(h.app, token, appA.id, ada.id)).statusCode).toBe(204);
    await h.services.clock.setTo(now - HOUR_MS, false);
    expect((await optIn(h.app, token)).statusCode).toBe(201);
    const sent = await send(bob, [ada]);
    expect(sent.capturedFor).toEqual([{ owner: personUrn(ada.id), application: appA.id }]);
    const [event] = await readAs(appA, ada);
    expect(event!.processedAt).toBeGreaterThanOrEqual(event!.capturedAt);
  });

  it("keeps capturing after the member's token expired or was revoked, and shows it all to a new token", async () => {
    const token = await regulate(h, appA.id, ada.id, HOUR_MS);
    await h.services.clock.advance(2 * HOUR_MS);
    expect((await getEvents(h.app, token)).json()).toMatchObject({
      status: 401,
      code: "EXPIRED_ACCESS_TOKEN",
    });
    const afterExpiry = await send(bob, [ada]);
    const second = await insertTestToken(h.services, { applicationId: appA.id, memberId: ada.id });
    await h.services.store.tokens.revoke(hashSecret(second), h.services.clock.nowMs());
    const afterRevocation = await send(ada, [bob]);
    expect(afterExpiry.capturedFor).toEqual([{ owner: personUrn(ada.id), application: appA.id }]);
    expect((await readAs(appA, ada)).map((e) => e.resourceId)).toEqual([
      afterExpiry.id,
      afterRevocation.id,
    ]);
  });
});
