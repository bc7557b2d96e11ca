import { describe, expect, it } from "vitest";
import { captureRefusalError } from "../../../src/domain/capture/capture-refusal.js";
import {
  type CapturePlan,
  type CaptureSnapshot,
  type MessageRenderer,
  planCapture,
} from "../../../src/domain/capture/plan-capture.js";
import type { MessageDraft, Thread } from "../../../src/domain/messaging/records.js";
import type { Member } from "../../../src/domain/records.js";

// The capture rules without a database: the snapshot the store would read under the locks
// is built by hand, and the plan it would write is checked field by field.

const NOW = 1_900_000_000_000;
const member = (id: string): Member => ({
  id,
  firstName: id,
  lastName: "Test",
  salesIdentityId: null,
  createdAt: 0,
});
const profiles = new Map(["ada", "bob", "cy", "dee"].map((id) => [id, member(id)]));
const render: MessageRenderer = (message) => ({
  activity: { id: message.id, text: message.text } as never,
  processedActivity: { id: message.id },
});

let counter = 0;
function draft(from: string, thread: MessageDraft["thread"]): MessageDraft {
  counter += 1;
  return {
    id: `m${counter}`,
    activityId: `a${counter}`,
    senderMemberId: from,
    authorIdentity: `urn:li:person:${from}`,
    mailbox: "PERSONAL",
    inMail: false,
    subject: null,
    text: `text ${counter}`,
    attachments: [],
    thread,
  };
}
const newThread = (id: string, from: string, to: string[]) =>
  draft(from, {
    kind: "new",
    id,
    participants: [from, ...to].map((m) => ({ memberId: m, identity: `urn:li:person:${m}` })),
  });
const reply = (id: string, from: string) => draft(from, { kind: "reply", id });

function snapshot(overrides: Partial<CaptureSnapshot> = {}): CaptureSnapshot {
  return {
    threads: new Map(),
    profiles,
    openAuthorizations: new Map(),
    watermarks: new Map(),
    nowMs: NOW,
    ...overrides,
  };
}
function planOf(drafts: MessageDraft[], snap: CaptureSnapshot): CapturePlan {
  const outcome = planCapture(drafts, snap, render);
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome.plan;
}
const existing = (id: string, members: string[]): Thread => ({
  id,
  creatorMemberId: members[0]!,
  creatorIdentity: `urn:li:person:${members[0]}`,
  subject: null,
  createdAt: 0,
  lastMessageAt: 0,
  participants: members.map((m) => ({ memberId: m, identity: `urn:li:person:${m}`, joinedAt: 0 })),
});

describe("planCapture (design/capture-ordering.md, without a database)", () => {
  it("stamps processedAt = max(now, watermark) per owner, so no cursor can have passed it", () => {
    const plan = planOf(
      [newThread("t1", "ada", ["bob"])],
      snapshot({
        openAuthorizations: new Map([
          ["ada", [{ applicationId: "1", regulatedAt: 0 }]],
          ["bob", [{ applicationId: "1", regulatedAt: 0 }]],
        ]),
        // Bob's stream already shows an event 5 s ahead of this node's clock.
        watermarks: new Map([["bob", NOW + 5000]]),
      }),
    );
    const byOwner = new Map(plan.events.map((e) => [e.ownerMemberId, e]));
    expect(byOwner.get("ada")?.processedAt).toBe(NOW);
    expect(byOwner.get("bob")?.processedAt).toBe(NOW + 5000);
    expect(byOwner.get("bob")?.capturedAt).toBe(NOW);
    expect(plan.watermarks).toEqual(
      new Map([
        ["ada", NOW],
        ["bob", NOW + 5000],
      ]),
    );
  });

  it("never moves an owner's processedAt backwards across a batch (per-member monotone)", () => {
    const auth = new Map([["ada", [{ applicationId: "1", regulatedAt: 0 }]]]);
    const first = planOf([newThread("t1", "ada", ["bob"])], snapshot({ openAuthorizations: auth }));
    // The next transaction on Ada reads a clock that went back (another node, skew).
    const second = planOf(
      [reply("t1", "bob")],
      snapshot({
        openAuthorizations: auth,
        threads: new Map([["t1", existing("t1", ["ada", "bob"])]]),
        watermarks: first.watermarks,
        nowMs: NOW - 60_000,
      }),
    );
    expect(second.events[0]!.processedAt).toBe(first.events[0]!.processedAt);
    expect(second.watermarks.get("ada")).toBe(NOW);
  });

  it("lists events message by message, participant in member order, application in order — the order ids are allocated in", () => {
    const plan = planOf(
      [newThread("t1", "cy", ["ada", "bob"]), newThread("t2", "bob", ["ada"])],
      snapshot({
        openAuthorizations: new Map([
          [
            "ada",
            [
              { applicationId: "1", regulatedAt: 0 },
              { applicationId: "2", regulatedAt: 0 },
            ],
          ],
          ["bob", [{ applicationId: "2", regulatedAt: 0 }]],
        ]),
      }),
    );
    expect(plan.events.map((e) => `${e.messageId}/${e.ownerMemberId}/${e.applicationId}`)).toEqual([
      `${plan.messages[0]!.message.id}/ada/1`,
      `${plan.messages[0]!.message.id}/ada/2`,
      `${plan.messages[0]!.message.id}/bob/2`,
      `${plan.messages[1]!.message.id}/ada/1`,
      `${plan.messages[1]!.message.id}/ada/2`,
      `${plan.messages[1]!.message.id}/bob/2`,
    ]);
  });

  it("captures only participants regulated at createdAt, one event per (owner, application)", () => {
    const plan = planOf(
      [newThread("t1", "ada", ["bob", "cy"])],
      snapshot({
        openAuthorizations: new Map([
          ["ada", [{ applicationId: "1", regulatedAt: NOW }]],
          // Bob's opt-in is dated after this message: not regulated yet.
          ["bob", [{ applicationId: "1", regulatedAt: NOW + 1 }]],
        ]),
      }),
    );
    expect(plan.events.map((e) => [e.ownerMemberId, e.applicationId])).toEqual([["ada", "1"]]);
    expect(plan.results[0]!.capturedFor).toEqual([
      { owner: "urn:li:person:ada", application: "1" },
    ]);
    expect(plan.watermarks.has("bob")).toBe(false);
    expect(plan.watermarks.has("cy")).toBe(false);
  });

  it("names the sender as actor on the sender's and every recipient's copy", () => {
    const plan = planOf(
      [newThread("t1", "bob", ["ada"])],
      snapshot({
        openAuthorizations: new Map([
          ["ada", [{ applicationId: "1", regulatedAt: 0 }]],
          ["bob", [{ applicationId: "1", regulatedAt: 0 }]],
        ]),
      }),
    );
    expect(plan.events.map((e) => [e.ownerMemberId, e.actor])).toEqual([
      ["ada", "urn:li:person:bob"],
      ["bob", "urn:li:person:bob"],
    ]);
  });

  // siblingActivities are read back by seq, which the store allocates in plan order: replies
  // in one batch must be planned in draft order, each at now.
  it("plans a batch's replies to one thread in draft order", () => {
    const plan = planOf(
      [reply("t1", "ada"), reply("t1", "bob"), reply("t1", "ada")],
      snapshot({ threads: new Map([["t1", existing("t1", ["ada", "bob"])]]) }),
    );
    expect(plan.messages.map((m) => m.message.senderMemberId)).toEqual(["ada", "bob", "ada"]);
    expect(plan.results.map((r) => r.message.id)).toEqual(plan.messages.map((m) => m.message.id));
    expect(plan.repliedThreadIds).toEqual(["t1"]);
    expect(plan.newThreads).toEqual([]);
    expect(plan.messages.map((m) => m.message.createdAt)).toEqual([NOW, NOW, NOW]);
  });

  it("sorts a new thread's participants by member id and dates them now", () => {
    const plan = planOf([newThread("t1", "dee", ["bob", "ada"])], snapshot());
    expect(plan.newThreads[0]!.participants.map((p) => [p.memberId, p.joinedAt])).toEqual([
      ["ada", NOW],
      ["bob", NOW],
      ["dee", NOW],
    ]);
    expect(plan.repliedThreadIds).toEqual([]);
  });

  it("refuses the whole batch with a typed reason, mapped to the same API errors", () => {
    const t1 = new Map([["t1", existing("t1", ["ada", "bob"])]]);
    const cases: Array<[MessageDraft[], CaptureSnapshot, string, string]> = [
      [[newThread("t9", "ada", ["zed"])], snapshot(), "unknown-member", "NOT_FOUND"],
      [[reply("nope", "ada")], snapshot(), "unknown-thread", "NOT_FOUND"],
      [[newThread("t1", "ada", ["bob"])], snapshot({ threads: t1 }), "thread-exists", "CONFLICT"],
      [
        [newThread("t2", "ada", ["bob"]), reply("t1", "cy")],
        snapshot({ threads: t1 }),
        "sender-not-participant",
        "INVALID_BODY",
      ],
    ];
    for (const [drafts, snap, kind, code] of cases) {
      const outcome = planCapture(drafts, snap, render);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.refusal.kind).toBe(kind);
      expect(captureRefusalError(outcome.refusal).code).toBe(code);
    }
  });
});
