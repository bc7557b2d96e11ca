/**
 * An example an archiver team can copy: Regula started inside a Vitest suite, a world built
 * through the typed control client, and "our archiver" (here a few lines; in your project,
 * your real client) reading the Compliance Events API the way it would read LinkedIn's.
 * It runs on SQLite and on PostgreSQL (REGULA_TEST_PG_URL, default the local server).
 */
import { type RunningRegula, startRegula } from "regula";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const POSTGRES_URL =
  process.env.REGULA_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MONDAY_9AM = Date.parse("2026-01-05T09:00:00Z");
const DAY = 86_400_000;

interface ComplianceEvent {
  id: string;
  actor: string;
  processedAt: number;
  activity: { content?: { fallback?: string } };
}

/** "Our archiver": every event a member's token can read, paging 10 at a time, retrying a 5xx once. */
async function archiveMember(baseUrl: string, token: string): Promise<ComplianceEvent[]> {
  const events: ComplianceEvent[] = [];
  for (let start = 0; ; start += 10) {
    const url = `${baseUrl}/rest/complianceEvents?q=memberAndApplication&startTime=0&start=${start}&count=10`;
    const get = () =>
      fetch(url, { headers: { authorization: `Bearer ${token}`, "linkedin-version": "202310" } });
    let response = await get();
    if (response.status >= 500) response = await get();
    if (!response.ok) throw new Error(`complianceEvents answered ${response.status}`);
    const page = (await response.json()) as { elements: ComplianceEvent[] };
    events.push(...page.elements);
    if (page.elements.length < 10) return events;
  }
}

describe.each([
  ["SQLite", "sqlite" as const],
  ["PostgreSQL", { postgresUrl: POSTGRES_URL }],
])("our archiver against Regula on %s", (_name, store) => {
  let regula: RunningRegula;
  let token: string;

  beforeEach(async () => {
    // An empty world of our own (no demo data), with the clock frozen on a known Monday.
    regula = await startRegula({ seed: {}, store, clock: { frozenAt: MONDAY_9AM } });
    const app = await regula.control.applications.create({
      name: "Our archiver",
      permissions: ["r_compliance_sales_nav"],
    });
    await regula.control.members.create({ id: "ada", firstName: "Ada", salesNavigator: true });
    await regula.control.members.create({ id: "bob", firstName: "Bob", salesNavigator: true });
    token = (await regula.control.tokens.issue("ada", { application: app.id })).access_token;
    // Ada opts in to compliance archiving through the public API, as she would on LinkedIn.
    const optIn = await fetch(`${regula.url}/rest/memberComplianceAuthorizations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "linkedin-version": "202310",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(optIn.status).toBe(201);
  });

  afterEach(async () => regula.stop());

  it("archives every message, across pages, at the virtual time it was sent", async () => {
    const texts = Array.from({ length: 23 }, (_, i) => `message ${i + 1}`);
    for (const text of texts) {
      await regula.control.messages.send({
        from: "urn:li:person:ada",
        to: ["urn:li:person:bob"],
        text,
      });
    }
    const events = await archiveMember(regula.url, token);
    expect(events.map((e) => e.activity.content?.fallback)).toEqual(texts);
    expect(new Set(events.map((e) => e.id)).size).toBe(texts.length);
    // Frozen time: every event is stamped within moments of Monday 9:00, in order.
    const times = events.map((e) => e.processedAt);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[0]).toBeGreaterThanOrEqual(MONDAY_9AM);
    expect(times.at(-1)).toBeLessThan(MONDAY_9AM + 60_000);
  });

  it("survives one 503 from the Events API", async () => {
    await regula.control.messages.send({
      from: "urn:li:person:bob",
      to: ["urn:li:person:ada"],
      text: "are you there?",
    });
    await regula.control.faults.add({
      match: { path: "/rest/complianceEvents" },
      respond: { status: 503 },
      times: 1,
    });
    const events = await archiveMember(regula.url, token);
    expect(events.map((e) => e.activity.content?.fallback)).toEqual(["are you there?"]);
    expect(await regula.control.faults.list()).toEqual([]);
  });

  it("sees nothing once the events are older than the 28-day window", async () => {
    await regula.control.messages.send({
      from: "urn:li:person:ada",
      to: ["urn:li:person:bob"],
      text: "old news",
    });
    expect(await archiveMember(regula.url, token)).toHaveLength(1);
    await regula.control.clock.advance(29 * DAY);
    expect(await archiveMember(regula.url, token)).toEqual([]);
  });
});

describe("several instances in one process", () => {
  it("share no state", async () => {
    const [a, b] = await Promise.all([startRegula(), startRegula()]);
    try {
      await a.control.members.create({ id: "only-in-a", firstName: "A" });
      expect((await a.control.members.list()).map((m) => m.id)).toContain("only-in-a");
      expect((await b.control.members.list()).map((m) => m.id)).not.toContain("only-in-a");
      expect(a.url).not.toBe(b.url);
      expect(a.adminKey).not.toBe(b.adminKey);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
