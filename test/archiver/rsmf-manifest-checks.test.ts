import { describe, expect, it } from "vitest";
import { checkRsmfManifest } from "../../src/archiver/rsmf/check-rsmf-manifest.js";

// biome-ignore lint/suspicious/noExplicitAny: fixtures are broken on purpose, any shape goes
type Fixture = Record<string, any>;

/** A small valid manifest of our own; each negative fixture breaks exactly one rule. */
function valid() {
  return {
    version: "2.0.0",
    participants: [
      { id: "p1", display: "Ada" },
      { id: "p2", display: "Zoë 张" },
    ],
    conversations: [
      {
        id: "c1",
        platform: "linkedin",
        type: "direct",
        custodian: "p1",
        participants: ["p1", "p2"],
      },
    ],
    events: [
      {
        type: "message",
        id: "e1",
        participant: "p1",
        conversation: "c1",
        timestamp: "2026-01-02T03:04:05.006Z",
        direction: "outgoing",
        attachments: [{ id: "a/1.txt", display: "x.pdf", size: 3 }],
      },
      { type: "message", id: "e2", parent: "e1", participant: "p2", conversation: "c1" },
    ],
  } as Fixture;
}
const zip = { zipFiles: ["rsmf_manifest.json", "a/1.txt"], eventCount: 2 };

describe("RSMF 2.0 manifest schema and reference checks", () => {
  it("accepts a valid manifest", () => {
    expect(checkRsmfManifest(valid(), zip)).toEqual([]);
  });

  const cases: Array<[string, (m: Fixture) => void, RegExp]> = [
    ["version too short", (m) => (m.version = "2.0"), /version/],
    ["participant without id", (m) => delete m.participants[0].id, /participants\/0/],
    ["conversation without platform", (m) => delete m.conversations[0].platform, /platform/],
    [
      "conversation without participants",
      (m) => delete m.conversations[0].participants,
      /participants/,
    ],
    ["conversation type not direct|channel", (m) => (m.conversations[0].type = "group"), /type/],
    ["event without type", (m) => delete m.events[0].type, /events\/0\/type/],
    ["unknown event type", (m) => (m.events[0].type = "post"), /events\/0\/type/],
    ["timestamp not RFC 3339", (m) => (m.events[0].timestamp = "2026-01-02 03:04"), /timestamp/],
    ["importance not normal|high", (m) => (m.events[0].importance = "urgent"), /importance/],
    ["direction not incoming|outgoing", (m) => (m.events[0].direction = "in"), /direction/],
    ["attachment without size", (m) => delete m.events[0].attachments[0].size, /attachments/],
    ["custom field without value", (m) => (m.events[0].custom = [{ name: "x" }]), /custom/],
    [
      "duplicate participant id",
      (m) => (m.participants[1].id = "p1"),
      /participant id p1 is not unique/,
    ],
    [
      "duplicate conversation id",
      (m) => m.conversations.push({ ...m.conversations[0] }),
      /conversation id c1 is not unique/,
    ],
    ["duplicate event id", (m) => (m.events[1].id = "e1"), /event id e1 is not unique/],
    [
      "conversation names an unknown participant",
      (m) => m.conversations[0].participants.push("p9"),
      /unknown participant p9/,
    ],
    [
      "custodian not in the conversation",
      (m) => {
        m.conversations[0].custodian = "p2";
        m.conversations[0].participants.splice(1, 1);
      },
      /custodian p2 is not a participant/,
    ],
    [
      "event names an unknown participant",
      (m) => (m.events[1].participant = "p9"),
      /event e2 names unknown participant p9/,
    ],
    [
      "event names an unknown conversation",
      (m) => (m.events[1].conversation = "c9"),
      /unknown conversation c9/,
    ],
    [
      "attachment missing from the zip",
      (m) => (m.events[0].attachments[0].id = "a/2.txt"),
      /a\/2.txt is not in the zip/,
    ],
  ];
  it.each(cases)("rejects: %s", (_name, breakIt, expected) => {
    const m = valid();
    breakIt(m);
    const problems = checkRsmfManifest(m, zip);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("rejects an event count header that does not match", () => {
    expect(checkRsmfManifest(valid(), { ...zip, eventCount: 3 })).toEqual([
      "X-RSMF-EventCount 3 but 2 events",
    ]);
  });
});
