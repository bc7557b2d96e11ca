import { describe, expect, it } from "vitest";
import type { MessageDraft } from "../../../src/domain/messaging/records.js";
import { type CaptureJob, CaptureQueue } from "../../../src/store/kysely/capture-queue.js";
import type { StoreMessagesOutcome } from "../../../src/store/messaging-store.js";

// The queue's contract without a database: who is committed with whom, and what each caller
// is told. The store-level behaviour (both databases) is in test/store/group-commit.test.ts.
const job = (name: string, messages = 1): CaptureJob => ({
  drafts: Array.from({ length: messages }, () => ({ id: name }) as unknown as MessageDraft),
  plan: () => ({ ok: false, refusal: { kind: "unknown-member", memberId: name } }),
  memberIds: [name],
});
const name = (j: CaptureJob) => j.memberIds[0]!;
const ok = (j: CaptureJob): StoreMessagesOutcome => ({
  ok: true,
  results: [{ message: { id: name(j) }, capturedFor: [] }] as never,
});

describe("capture queue", () => {
  it("commits requests made in one turn together, and those made during a commit next", async () => {
    const groups: string[][] = [];
    let release: () => void = () => {};
    const queue = new CaptureQueue(async (jobs) => {
      groups.push(jobs.map(name));
      if (groups.length === 1) await new Promise<void>((r) => (release = r));
      return jobs.map(ok);
    });
    const first = ["a", "b", "c"].map((n) => queue.submit(job(n)));
    await new Promise((r) => setImmediate(r));
    expect(groups).toEqual([["a", "b", "c"]]);
    const later = ["d", "e"].map((n) => queue.submit(job(n)));
    // Acknowledged only after the shared commit.
    let settled = false;
    void Promise.all(first).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    release();
    const outcomes = await Promise.all([...first, ...later]);
    expect(groups).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    expect(outcomes.map((o) => o.ok && o.results[0]!.message.id)).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
    ]);
  });

  it("retries each request alone when the shared transaction fails", async () => {
    const groups: string[][] = [];
    const queue = new CaptureQueue(async (jobs) => {
      groups.push(jobs.map(name));
      if (jobs.some((j) => name(j) === "bad")) throw new Error("constraint failed");
      return jobs.map(ok);
    });
    const outcomes = await Promise.allSettled(["a", "bad", "c"].map((n) => queue.submit(job(n))));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(groups).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("keeps a group to at most 2000 messages, in arrival order", async () => {
    const sizes: number[][] = [];
    const queue = new CaptureQueue(async (jobs) => {
      sizes.push(jobs.map((j) => j.drafts.length));
      return jobs.map(ok);
    });
    await Promise.all([1000, 900, 200, 1000, 5].map((n, i) => queue.submit(job(`j${i}`, n))));
    expect(sizes).toEqual([
      [1000, 900],
      [200, 1000, 5],
    ]);
  });

  it("commits up to `concurrency` groups side by side", async () => {
    const groups: string[][] = [];
    const releases: Array<() => void> = [];
    const queue = new CaptureQueue(async (jobs) => {
      groups.push(jobs.map(name));
      await new Promise<void>((r) => releases.push(r));
      return jobs.map(ok);
    }, 2);
    const a = queue.submit(job("a"));
    await new Promise((r) => setImmediate(r));
    const b = queue.submit(job("b"));
    await new Promise((r) => setImmediate(r));
    // b did not wait for a's commit; c waits for a free slot.
    expect(groups).toEqual([["a"], ["b"]]);
    const c = queue.submit(job("c"));
    await new Promise((r) => setTimeout(r, 5));
    expect(groups).toEqual([["a"], ["b"]]);
    releases[0]!();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(groups).toEqual([["a"], ["b"], ["c"]]);
    releases[1]!();
    releases[2]!();
    await Promise.all([b, c]);
  });

  it("lets no two groups on the same member commit at once, nor overtake each other", async () => {
    const groups: string[][] = [];
    const releases: Array<() => void> = [];
    const queue = new CaptureQueue(async (jobs) => {
      groups.push(jobs.map((j) => j.memberIds.join("+")));
      await new Promise<void>((r) => releases.push(r));
      return jobs.map(ok);
    }, 4);
    const pair = (a: string, b: string): CaptureJob => ({ ...job(a), memberIds: [a, b] });
    const first = queue.submit(pair("a", "b"));
    await new Promise((r) => setImmediate(r));
    // b+c waits for a+b; c+d shares c with a request left waiting, so it waits behind it;
    // e+f shares nothing and commits beside a+b.
    const rest = [pair("b", "c"), pair("c", "d"), pair("e", "f")].map((j) => queue.submit(j));
    await new Promise((r) => setTimeout(r, 5));
    expect(groups).toEqual([["a+b"], ["e+f"]]);
    releases[0]!();
    await first;
    await new Promise((r) => setTimeout(r, 5));
    // The two that waited commit together, in the order they came.
    expect(groups).toEqual([["a+b"], ["e+f"], ["b+c", "c+d"]]);
    releases[1]!();
    releases[2]!();
    await Promise.all(rest);
  });
});
