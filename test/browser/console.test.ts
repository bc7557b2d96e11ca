import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureConsoleBuilt } from "../../web/build-console.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * The web console end to end, as a person uses it, in Debian's Chromium driven by
 * playwright-core against a real listening server (SQLite). Screenshots of every page land in
 * test-results/console/.
 */

const SCREENSHOTS = path.resolve("test-results/console");

const DAY_MS = 86_400_000;

describe.skipIf(skipWithoutChromium("the console browser test"))(
  "the web console in Chromium",
  () => {
    let h: Harness & { baseUrl: string };
    let context: BrowserContext;
    let page: Page;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    const browserProblems: string[] = [];

    beforeAll(async () => {
      await ensureConsoleBuilt();
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      h = await startHarness(storeTargets[0]!, { listen: true });
      browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
      context = browser.context;
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      page.on("pageerror", (error) => browserProblems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) browserProblems.push(message.text());
      });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await h?.close();
    });

    const shoot = (name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    const nav = (name: string) =>
      page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name }).click();
    const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name });

    it("signs in, sets up a world, sends a message and watches its event appear, then age out", async () => {
      // Sign in with the admin key (a wrong one first: the error shows inline).
      await page.goto(`${h.baseUrl}/console`);
      await heading("Sign in to the Regula console").waitFor();
      await page.getByLabel("Admin key").fill("not-the-key");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").getByText("ADMIN_KEY_REQUIRED").waitFor();
      await shoot("01-sign-in");
      await page.getByLabel("Admin key").fill(TEST_ADMIN_KEY);
      await page.getByRole("button", { name: "Sign in" }).click();
      await heading("Applications").waitFor();
      await page.getByText("No applications yet").waitFor();

      // Freeze the clock from the header so every time below is exact.
      await page.getByRole("button", { name: "Freeze" }).click();
      await page.getByRole("button", { name: "Unfreeze" }).waitFor();

      // An application: its secret is shown once, in a panel that can be dismissed.
      await page.getByLabel("Name").fill("Console Archiver");
      await page.getByRole("button", { name: "Create application" }).click();
      const secret = await page.getByTestId("client-secret").textContent();
      expect(secret?.length).toBeGreaterThanOrEqual(32);
      const row = page.getByRole("row", { name: /Console Archiver/ });
      await row.waitFor();
      const appUrn = (await row.getByText(/^urn:li:developerApplication:/).textContent()) ?? "";
      const appId = appUrn.split(":").pop()!;
      await shoot("02-applications");
      await page.getByRole("button", { name: /dismiss/ }).click();
      await expect(page.getByTestId("client-secret").count()).resolves.toBe(0);

      // Two members with seats.
      await nav("Members");
      await heading("Members").waitFor();
      for (const [first, last] of [
        ["Ada", "Lovelace"],
        ["Bob", "Babbage"],
      ]) {
        await page.getByLabel("First name").fill(first!);
        await page.getByLabel("Last name").fill(last!);
        await page.getByRole("button", { name: "Create member" }).click();
        await page.getByRole("link", { name: `${first} ${last}` }).waitFor();
      }
      await shoot("03-members");

      // Authorize Ada for the application; the history records the administrator's opt-in.
      await page.getByRole("link", { name: "Ada Lovelace" }).click();
      await heading("Ada Lovelace").waitFor();
      await page
        .getByRole("button", { name: "Authorize Ada Lovelace for Console Archiver" })
        .click();
      await page
        .getByRole("button", { name: "De-authorize Ada Lovelace for Console Archiver" })
        .waitFor();
      const history = page.getByRole("region", { name: "Opt-in and opt-out history" });
      await history.getByRole("cell", { name: "administrator" }).waitFor();
      await shoot("04-member-authorizations");
      const adaUrl = new URL(page.url());
      const adaId = decodeURIComponent(adaUrl.hash.split("/").pop()!);

      // Ada writes to Bob from her Sales Navigator inbox.
      await page.getByRole("link", { name: "Open Ada’s inbox" }).click();
      await heading("Inbox of Ada Lovelace").waitFor();
      await page.getByText("No threads yet").waitFor();
      await page.getByRole("checkbox", { name: /Bob Babbage/ }).check();
      await page.getByLabel("Subject (optional)").fill("Quarterly review");
      await page.getByRole("checkbox", { name: "InMail" }).check();
      await page
        .getByRole("textbox", { name: "Message", exact: true })
        .fill("Hello Bob, the deck is attached.");
      await page.getByRole("button", { name: "Add attachment" }).click();
      await page.getByLabel("Attachment 1 name").fill("deck.pdf");
      await page.getByLabel("Size in bytes").fill("48213");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page
        .getByRole("status")
        .getByText(/Captured as 1 compliance event/)
        .waitFor();
      await page.getByRole("article", { name: "Message from you" }).getByText("deck.pdf").waitFor();
      await page.getByLabel("Reply").fill("P.S. see page 3.");
      await page.getByRole("button", { name: "Send reply" }).click();
      await page.getByText("P.S. see page 3.").waitFor();
      await shoot("05-inbox");

      // The event stream of (application, Ada) shows both messages as outbound, live.
      await page.goto(`${h.baseUrl}/console/#/events?application=${appId}&member=${adaId}`);
      await heading("Compliance events").waitFor();
      const events = page.locator("table.events tbody tr");
      await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(2);
      await events.first().getByText("Outbound").waitFor();
      await events
        .first()
        .getByText(/Hello Bob, the deck is attached\./)
        .waitFor();

      // Bob answers from his side while the stream is open: it appears as inbound, live.
      const bob = (await h.services.store.members.list()).find((m) => m.firstName === "Bob")!;
      const thread = (
        await h.services.store.messaging.listThreads({ memberId: bob.id, limit: 1 })
      )[0]!;
      const reply = await h.app.inject({
        method: "POST",
        url: "/sandbox/messages",
        headers: h.admin,
        payload: {
          from: `urn:li:person:${bob.id}`,
          thread: `urn:li:messagingThread:${thread.id}`,
          text: "Thanks Ada!",
        },
      });
      expect(reply.statusCode).toBe(201);
      await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(3);
      await events.nth(2).getByText("Inbound").waitFor();
      await events
        .first()
        .getByRole("button", { name: /raw JSON/ })
        .click();
      const json = page.getByRole("region", { name: /as the Compliance Events API returns it/ });
      await json.getByText(`"owner": "urn:li:person:${adaId}"`).waitFor();
      await shoot("06-events");

      // 29 days later the events have left the 28-day window.
      const before = h.services.clock.nowMs();
      await page.getByLabel("Advance by").fill("29");
      await page.getByLabel("Unit").selectOption("days");
      await page.getByRole("button", { name: "Advance" }).click();
      await page.getByText("No events in the past 28 days").waitFor();
      expect(await events.count()).toBe(0);
      expect(h.services.clock.nowMs()).toBe(before + 29 * DAY_MS);
      await shoot("07-events-after-29-days");

      // Reset asks first; cancelling keeps the world.
      await page.getByRole("button", { name: "Reset…" }).click();
      await page.getByRole("dialog", { name: "Reset the sandbox?" }).waitFor();
      await shoot("08-reset-confirmation");
      await page.getByRole("button", { name: "Cancel" }).click();
      expect(await h.services.store.members.list()).toHaveLength(2);

      expect(browserProblems).toEqual([]);
    }, 180_000);
  },
);
