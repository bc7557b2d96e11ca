import { describe, expect, it } from "vitest";
import { planRawCopy, type TableRows } from "../../../bench/raw-copy-plan.js";

// A round of 3 messages: m1 starts thread t1, m2 replies in the older thread t0, m3 replies in t1.
const tables: TableRows[] = [
  {
    table: "messages",
    primaryKey: ["id"],
    rows: [
      { id: "m1", seq: 11n, thread_id: "t1", body_text: "a" },
      { id: "m2", seq: 12n, thread_id: "t0", body_text: "b" },
      { id: "m3", seq: 13n, thread_id: "t1", body_text: "c" },
    ],
  },
  {
    table: "compliance_events",
    primaryKey: ["id"],
    rows: ["m1", "m2", "m3"].flatMap((m, i) => [
      { id: BigInt(100 + 2 * i), application_id: 7n, owner_member_id: "a", message_id: m },
      { id: BigInt(101 + 2 * i), application_id: 7n, owner_member_id: "b", message_id: m },
    ]),
  },
  {
    table: "threads",
    primaryKey: ["id"],
    rows: [
      { id: "t1", last_message_at: 5n },
      { id: "t0", last_message_at: 5n },
    ],
  },
  {
    table: "thread_participants",
    primaryKey: ["thread_id", "member_id"],
    rows: [
      { thread_id: "t1", member_id: "a" },
      { thread_id: "t1", member_id: "b" },
    ],
  },
  {
    table: "member_watermarks",
    primaryKey: ["member_id"],
    rows: [
      { member_id: "a", last_processed_at: 5n },
      { member_id: "b", last_processed_at: 5n },
    ],
  },
];

describe("the raw-copy anchor's plan", () => {
  it("inserts a copy of every row the round inserted and upserts what capture updates in place", () => {
    const plan = planRawCopy(tables, 100, 1);
    const ops = plan.transactions.flat();
    const inserted = (table: string) =>
      ops.filter((o) => o.table === table && o.kind === "insert").length;
    expect(plan.messages).toBe(3);
    expect(plan.transactions).toHaveLength(1);
    expect(inserted("messages")).toBe(3);
    expect(inserted("compliance_events")).toBe(6);
    expect(inserted("threads")).toBe(1);
    expect(inserted("thread_participants")).toBe(2);
    expect(ops.filter((o) => o.kind === "upsert").map((o) => o.table)).toEqual([
      "threads",
      "member_watermarks",
      "member_watermarks",
    ]);
  });

  it("gives copies fresh keys and points them at the copied message and thread", () => {
    const ops = planRawCopy(tables, 100, 2).transactions.flat();
    const events = ops.filter((o) => o.table === "compliance_events").map((o) => o.row);
    expect(events[0]).toMatchObject({ id: 2_000_000_000_100n, message_id: "m1~raw2" });
    expect(events[0]?.application_id).toBe(7n);
    const messages = ops.filter((o) => o.table === "messages").map((o) => o.row);
    expect(messages.map((m) => [m.id, m.thread_id])).toEqual([
      ["m1~raw2", "t1~raw2"],
      ["m2~raw2", "t0"],
      ["m3~raw2", "t1~raw2"],
    ]);
  });

  it("groups the rows of each message with it, groupSize messages per transaction", () => {
    const plan = planRawCopy(tables, 1, 1);
    expect(
      plan.transactions.map((t) => t.filter((o) => o.table === "compliance_events").length),
    ).toEqual([2, 2, 2]);
    expect(
      plan.transactions.map((t) => t.filter((o) => o.table === "member_watermarks").length),
    ).toEqual([2, 2, 2]);
  });
});
