import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplianceEvent } from "../../src/archiver/compliance-event.js";
import { transcriptHtml } from "../../src/archiver/production/transcript-html.js";
import { buildRsmfManifests } from "../../src/archiver/rsmf/build-rsmf-manifests.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";

/**
 * The HTML transcript in a real browser, offline: it renders every message and asks for no
 * resource at all. The screenshot is the one the README shows (docs/images/transcript.png).
 */
const SCREENSHOT = path.resolve("docs/images/transcript.png");
const ada = "urn:li:person:ada";
const zoe = "urn:li:person:zoe";
const thread = "urn:li:messagingThread:2-demo";
const people: Record<
  string,
  { member: string; localizedFirstName: string; localizedLastName: string }
> = {
  [ada]: { member: ada, localizedFirstName: "Ada", localizedLastName: "Lovelace" },
  [zoe]: { member: zoe, localizedFirstName: "Zoë", localizedLastName: "Müller 张" },
};
const texts: Array<[string, string]> = [
  [ada, "Hi Zoë, the Q4 deck is attached. Can we walk through it on Thursday?"],
  [zoe, "Grüße aus Zürich! Thursday 10:00 works. 你好 🎉"],
  [ada, "Great, see you then.\n-- Ada"],
];
const events: ComplianceEvent[] = texts.map(([sender, body], i) => ({
  id: i + 1,
  owner: ada,
  processedAt: Date.parse("2026-03-02T09:00:00Z") + i * 95_000,
  resourceName: "messages",
  resourceId: `m${i}`,
  activity: {
    id: `m${i}`,
    thread,
    owner: sender,
    createdAt: Date.parse("2026-03-02T09:00:00Z") + i * 95_000,
    ...(i === 0 ? { subject: "Q4 review — Zürich" } : {}),
    content: { content: { string: body } },
  },
  processedActivity: {
    "owner~": people[sender],
    "thread~": {
      membership: Object.values(people).map((p) => ({ identity: p.member, "identity~": p })),
    },
    ...(i === 0
      ? {
          "attachments~": [
            { name: "Präsentation Q4.pdf", mediaType: "application/pdf", byteSize: 48213 },
          ],
        }
      : {}),
  },
  siblingActivities: i === 0 ? [] : [{ id: `m${i - 1}` }],
}));

describe.skipIf(skipWithoutChromium("the transcript browser test"))(
  "HTML transcript in a browser",
  () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      browser = await launchChromium({ viewport: { width: 900, height: 560 } });
    });
    afterAll(async () => browser?.close());

    it("renders every message offline, requesting nothing", async () => {
      const [unit] = buildRsmfManifests(events, ada, { slice: false });
      const page = await browser.context.newPage();
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.setContent(transcriptHtml(unit!, ada));
      expect(await page.locator("h1").textContent()).toBe("Q4 review — Zürich");
      expect(await page.locator("article").count()).toBe(3);
      expect(await page.locator("article.outgoing").count()).toBe(2);
      expect(await page.locator("article").nth(1).textContent()).toContain("你好 🎉");
      expect(requests).toEqual([]);
      await fs.mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect((await fs.stat(SCREENSHOT)).size).toBeGreaterThan(1000);
    });
  },
);
