/**
 * The Events API's bytes, pinned: a fixed seeded world's pages on both stores must equal a
 * stored golden file, so a change to how events are stored or assembled (issue 11) cannot
 * change one byte of what an archiver reads. Regenerate only on purpose:
 * `REGULA_UPDATE_GOLDEN=1 npx vitest run test/api/events-golden.test.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { insertTestToken } from "../helpers/factories.js";
import { startHarness } from "../helpers/harness.js";
import { sqlitePageWorkersTarget, storeTargets } from "../helpers/store-targets.js";

const GOLDEN = fileURLToPath(new URL("./golden/events-pages.txt", import.meta.url));
const PINNED_MS = 1_900_000_000_000;

/** Random per-run ids (messages, threads, activities, media assets) → placeholders in first-seen order. */
function normalise(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(
    /\b(?:2-[A-Za-z0-9_-]{24}|D4E10AQ[A-Za-z0-9_-]{12}|[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])/g,
    (m) => {
      if (!seen.has(m)) seen.set(m, `<id${seen.size}>`);
      return seen.get(m)!;
    },
  );
}

async function recordPages(target: (typeof storeTargets)[number]): Promise<string> {
  const h = await startHarness(target, { seed: null });
  const out: string[] = [];
  try {
    const admin = { authorization: h.admin.authorization };
    const post = async (url: string, payload: object) => {
      const res = await h.app.inject({ method: "POST", url, headers: admin, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    // The demo world without its messages, so every stored time comes from the pinned clock.
    await post("/sandbox/reset", { seed: { ...demoSeed, messages: [] } });
    await post("/sandbox/clock", { freeze: true });
    await post("/sandbox/clock", { setTo: PINNED_MS });
    await post("/sandbox/authorizations", { application: "100001", member: "grace-hopper" });
    const first = await post("/sandbox/messages", {
      from: "urn:li:person:ada-lovelace",
      to: ["urn:li:person:grace-hopper", "urn:li:person:alan-turing"],
      subject: "Q4 portfolio review",
      text: 'Quotes " backslashes \\ and unicode é — 😀 survive\nnew lines too',
      inMail: true,
      attachments: [{ name: "deck.pdf", mediaType: "application/pdf", byteSize: 48213 }],
    });
    // Thirteen replies: siblingActivities fill to their limit of ten and then slide.
    for (let i = 0; i < 13; i += 1) {
      await post("/sandbox/clock", { advanceMs: 1000 });
      const from = ["grace-hopper", "alan-turing", "ada-lovelace"][i % 3];
      await post("/sandbox/messages", {
        from: `urn:li:person:${from}`,
        thread: first.thread,
        text: `reply ${i} ${"x".repeat(i * 40)}`,
      });
    }
    await post("/sandbox/clock", { advanceMs: 1000 });
    await post("/sandbox/messages:batch", {
      messages: Array.from({ length: 6 }, (_, i) => ({
        from: `urn:li:person:${i % 2 ? "ada-lovelace" : "alan-turing"}`,
        to: [`urn:li:person:${i % 2 ? "alan-turing" : "ada-lovelace"}`],
        text: `batch ${i}`,
        mailbox: i === 4 ? "PERSONAL" : "SALES_NAVIGATOR",
      })),
    });
    const adaToken = await insertTestToken(h.services, {
      applicationId: "100001",
      memberId: "ada-lovelace",
    });
    const graceToken = await insertTestToken(h.services, {
      applicationId: "100001",
      memberId: "grace-hopper",
    });
    const rest = { authorization: `Bearer ${adaToken}`, "linkedin-version": "202310" };
    const graceUrl = "/rest/complianceEvents?q=memberAndApplication&count=50";
    const graceRes = await h.app.inject({
      method: "GET",
      url: graceUrl,
      headers: { ...rest, authorization: `Bearer ${graceToken}` },
    });
    out.push(`GET ${graceUrl} (grace) -> ${graceRes.statusCode}\n${graceRes.body}`);
    for (const q of [
      "",
      "&count=50",
      "&start=0&count=4",
      "&start=4&count=4",
      "&start=18&count=4",
      `&startTime=${PINNED_MS + 7000}`,
      `&startTime=${PINNED_MS + 3000}&endTime=${PINNED_MS + 6000}`,
      "&fields=id,actor,processedAt&count=5",
    ]) {
      const url = `/rest/complianceEvents?q=memberAndApplication${q}`;
      const res = await h.app.inject({ method: "GET", url, headers: rest });
      out.push(`GET ${url} -> ${res.statusCode} ${res.headers["content-type"]}\n${res.body}`);
    }
    const stream = "/sandbox/events?application=100001&member=ada-lovelace";
    const res = await h.app.inject({ method: "GET", url: stream, headers: admin });
    out.push(`GET ${stream} -> ${res.statusCode}\n${res.body}`);
  } finally {
    await h.close();
  }
  return `${normalise(out.join("\n\n"))}\n`;
}

const targets = [
  ...storeTargets.map((target) => ({ label: target.name, target })),
  { label: "sqlite, pages read by a worker", target: sqlitePageWorkersTarget },
];

describe.each(targets)("Events API pages against the golden file ($label)", ({ target }) => {
  it("are byte-identical to test/api/golden/events-pages.txt", async () => {
    const recorded = await recordPages(target);
    if (process.env.REGULA_UPDATE_GOLDEN === "1" && target === storeTargets[0]) {
      writeFileSync(GOLDEN, recorded);
    }
    expect(recorded).toBe(readFileSync(GOLDEN, "utf8"));
  });
});
