import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureConsoleBuilt } from "../../web/build-console.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { getEvents, regulate, restHeaders, sendBatch } from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { type Harness, startHarness, TEST_ADMIN_KEY } from "../helpers/harness.js";
import { postOAuthForm } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * Everything the control plane can do, done from the console in Chromium: rotate a secret,
 * delete an application, mint a member's token and code, add and remove faults, read the
 * request journal, page through a long event stream, export and import the world, take and
 * restore snapshots, and see a member page empty after a reset. Each step checks the effect on the server, not only the screen. Screenshots land in test-results/console/.
 */

const SCREENSHOTS = path.resolve("test-results/console");
const CALLBACK = "http://localhost:3000/callback";

describe.skipIf(skipWithoutChromium("the console operations browser test"))(
  "the console drives the whole control plane",
  () => {
    let h: Harness & { baseUrl: string };
    let page: Page;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    const browserProblems: string[] = [];

    beforeAll(async () => {
      await ensureConsoleBuilt();
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      h = await startHarness(storeTargets[0]!, { listen: true });
      await h.services.clock.freeze(true);
      browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.setDefaultTimeout(15_000);
      page.on("pageerror", (error) => browserProblems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) browserProblems.push(message.text());
      });
      await page.goto(`${h.baseUrl}/console`);
      await page.getByLabel("Admin key").fill(TEST_ADMIN_KEY);
      await page.getByRole("button", { name: "Sign in" }).click();
      await heading("Applications").waitFor();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await h?.close();
    });

    const shoot = (name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name });
    const open = async (hash: string, title: string | RegExp) => {
      // A reload, because a hash change alone would keep lists fetched before the set-up.
      await page.goto(`${h.baseUrl}/console/#/${hash}`);
      await page.reload();
      await heading(title).waitFor();
    };
    const clientCredentials = (clientId: string, clientSecret: string) =>
      postOAuthForm(h, "accessToken", {
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      });

    it("rotates a secret, shown once, and the old one stops working", async () => {
      const { application, clientSecret } = await createTestApplication(h.services, {
        name: "Rotating Archiver",
        clientCredentials: true,
      });
      await open("applications", "Applications");
      await page.getByRole("button", { name: "Rotate the secret of Rotating Archiver" }).click();
      const rotated = (await page.getByTestId("client-secret").textContent()) ?? "";
      expect(rotated).not.toBe(clientSecret);
      await shoot("10-rotated-secret");
      expect((await clientCredentials(application.clientId, clientSecret)).statusCode).toBe(401);
      expect((await clientCredentials(application.clientId, rotated)).statusCode).toBe(200);
      await page.getByRole("button", { name: /dismiss/ }).click();
      await expect(page.getByTestId("client-secret").count()).resolves.toBe(0);
    });

    it("deletes an application after asking, and its tokens die with it", async () => {
      const { application } = await createTestApplication(h.services, { name: "Doomed Archiver" });
      const member = await createTestMember(h.services);
      const token = await regulate(h, application.id, member.id);
      await open("applications", "Applications");
      const row = page.getByRole("row", { name: /Doomed Archiver/ });
      await row.getByRole("button", { name: "Delete Doomed Archiver", exact: true }).click();
      await row.getByRole("button", { name: "Delete Doomed Archiver for good" }).waitFor();
      await shoot("11-delete-application-confirmation");
      await row.getByRole("button", { name: "Delete Doomed Archiver for good" }).click();
      await expect.poll(() => row.count()).toBe(0);
      expect(await h.services.store.applications.findById(application.id)).toBeNull();
      const status = await h.app.inject({
        method: "GET",
        url: "/rest/memberComplianceAuthorizations",
        headers: restHeaders(token),
      });
      expect(status.statusCode).toBe(401);
    });

    it("mints a member's access token and authorization code that the API accepts", async () => {
      const { application, clientSecret } = await createTestApplication(h.services, {
        name: "Minting Archiver",
        redirectUris: [CALLBACK],
      });
      const member = await createTestMember(h.services, { firstName: "Mina", lastName: "Token" });
      await open(`members/${member.id}`, "Mina Token");
      await page.getByLabel("For application").selectOption(application.id);
      await page.getByRole("button", { name: "Mint access token" }).click();
      const token = (await page.getByTestId("issued-token").textContent()) ?? "";
      await page.getByRole("button", { name: "Copy access token" }).waitFor();
      await shoot("12-minted-token");
      const optIn = await h.app.inject({
        method: "POST",
        url: "/rest/memberComplianceAuthorizations",
        headers: restHeaders(token),
        payload: {},
      });
      expect(optIn.statusCode).toBe(201);

      await page.getByRole("button", { name: "Mint authorization code" }).click();
      const code = (await page.getByTestId("issued-code").textContent()) ?? "";
      const exchanged = await postOAuthForm(h, "accessToken", {
        grant_type: "authorization_code",
        code,
        redirect_uri: CALLBACK,
        client_id: application.clientId,
        client_secret: clientSecret,
      });
      expect(exchanged.statusCode, exchanged.body).toBe(200);
    });

    it("adds a fault that the API then serves, shows it firing, and removes it", async () => {
      const { application } = await createTestApplication(h.services);
      const member = await createTestMember(h.services);
      const token = await regulate(h, application.id, member.id);
      await open("faults", "Faults");
      await page.getByText("No faults").waitFor();
      await page.getByLabel("Path (exact, or a prefix ending in *)").fill("/rest/complianceEvents");
      await page.getByLabel("Retry-After (seconds)").fill("7");
      await page.getByLabel("Times (empty: every call)").fill("2");
      await page.getByRole("button", { name: "Add fault" }).click();
      const row = page.getByRole("row", { name: /GET \/rest\/complianceEvents/ });
      await row.getByText("status 429, Retry-After 7 s").waitFor();
      const events = () =>
        h.app.inject({
          method: "GET",
          url: "/rest/complianceEvents?q=memberAndApplication",
          headers: restHeaders(token),
        });
      const throttled = await events();
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers["retry-after"]).toBe("7");
      await row.getByText("1 more time").waitFor();
      await shoot("13-faults");
      await row.getByRole("button", { name: "Remove", exact: true }).click();
      await row.getByRole("button", { name: "Remove this fault" }).click();
      await page.getByText("No faults").waitFor();
      expect((await events()).statusCode).toBe(200);
    });

    it("shows the request journal, newest first, without credentials", async () => {
      const { application } = await createTestApplication(h.services);
      const member = await createTestMember(h.services);
      const token = await regulate(h, application.id, member.id);
      const res = await h.app.inject({
        method: "GET",
        url: "/rest/complianceEvents?q=memberAndApplication&count=7",
        headers: restHeaders(token),
      });
      expect(res.statusCode).toBe(200);
      await open("journal", "Request journal");
      const newest = page.locator("tbody tr").first();
      await newest
        .getByText(/GET \/rest\/complianceEvents\?q=memberAndApplication&count=7/)
        .waitFor();
      await newest.getByText("200", { exact: true }).waitFor();
      expect(await page.content()).not.toContain(token);
      await shoot("14-journal");
    });

    it("pages through a stream longer than a page, with the right count", async () => {
      const { application } = await createTestApplication(h.services, { name: "Paging Archiver" });
      const ada = await createTestMember(h.services);
      const bob = await createTestMember(h.services);
      await regulate(h, application.id, ada.id);
      const messages = Array.from({ length: 150 }, (_, i) => ({
        from: `urn:li:person:${ada.id}`,
        to: [`urn:li:person:${bob.id}`],
        text: `message ${i + 1}`,
      }));
      expect((await sendBatch(h.app, messages)).statusCode).toBe(201);
      await open(`events?application=${application.id}&member=${ada.id}`, "Compliance events");
      const pages = page.getByRole("navigation", { name: "Event pages" });
      await pages.getByText(/Events 51–150 of 150/).waitFor();
      const rows = page.locator("table.events tbody tr");
      await expect.poll(() => rows.count()).toBe(100);
      await pages.getByRole("button", { name: "Oldest" }).click();
      await pages.getByText(/Events 1–100 of 150/).waitFor();
      await rows
        .first()
        .getByText(/message 1\b/)
        .waitFor();
      await pages.getByRole("button", { name: "Newer" }).click();
      await pages.getByText(/Events 51–150 of 150/).waitFor();
      await shoot("15-events-paging");
    });

    it("takes a snapshot, restores it, and round-trips the world through export and import", async () => {
      const member = await createTestMember(h.services, { firstName: "Snap", lastName: "Shot" });
      await open("world", "World");
      await page.getByLabel("Snapshot name").fill("before-extra");
      await page.getByRole("button", { name: "Take snapshot" }).click();
      await page.getByRole("row", { name: /before-extra/ }).waitFor();

      const extra = await createTestMember(h.services, { firstName: "Extra", lastName: "One" });
      await page.getByRole("button", { name: "Restore snapshot before-extra" }).click();
      await page.getByRole("status").getByText("Restored snapshot before-extra.").waitFor();
      expect(await h.services.store.members.findById(extra.id)).toBeNull();
      expect(await h.services.store.members.findById(member.id)).not.toBeNull();
      await shoot("16-snapshots");

      await page.getByRole("button", { name: "Export the world" }).click();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: /Download regula-world-/ }).click(),
      ]);
      const exportedFile = await download.path();
      const exported = JSON.parse(fs.readFileSync(exportedFile, "utf8"));
      expect(JSON.stringify(exported)).toContain(member.id);

      await createTestMember(h.services, { firstName: "After", lastName: "Export" });
      await page.getByLabel("Import a world export (replaces this world)").setInputFiles({
        name: "world.json",
        mimeType: "application/json",
        buffer: fs.readFileSync(exportedFile),
      });
      await page.getByRole("status").getByText("Imported world.json.").waitFor();
      const names = (await h.services.store.members.list()).map((m) => m.firstName);
      expect(names).toContain("Snap");
      expect(names).not.toContain("After");
      await shoot("17-export-import");
    });

    it("shows a member's archiver coverage and warns when an unserved event nears the window's end", async () => {
      const { application } = await createTestApplication(h.services, { name: "Slow Archiver" });
      const cara = await createTestMember(h.services, { firstName: "Cara", lastName: "Covered" });
      const dan = await createTestMember(h.services);
      const token = await regulate(h, application.id, cara.id);
      const message = { from: `urn:li:person:${cara.id}`, to: [`urn:li:person:${dan.id}`] };
      await sendBatch(h.app, [{ ...message, text: "read early" }]);
      // The archiver reads the first event; the two that follow it never are.
      const served = await getEvents(h.app, token, { startTime: "0" });
      expect(served.statusCode).toBe(200);
      await h.services.clock.advance(60_000);
      await sendBatch(h.app, [
        { ...message, text: "never read 1" },
        { ...message, text: "never read 2" },
      ]);
      await h.services.clock.advance(22 * 86_400_000);
      await open(`members/${cara.id}`, "Cara Covered");
      const row = page
        .getByRole("region", { name: "Archiver coverage" })
        .getByRole("row", { name: /Slow Archiver/ });
      await expect
        .poll(() => row.locator("td").allTextContents())
        .toEqual([
          "3",
          "1",
          "2",
          "0",
          expect.stringMatching(/^22\.0 days old: leaves the window in 6\.0 days$/),
        ]);
      await row.getByRole("alert").waitFor();
      await shoot("18-member-coverage");
    });

    it("shows a member who vanished in a reset as gone, with nothing stale under it", async () => {
      const member = await createTestMember(h.services, { firstName: "Gone", lastName: "Soon" });
      await open(`members/${member.id}`, "Gone Soon");
      await page.getByText("urn:li:person:", { exact: false }).first().waitFor();
      await page.getByRole("button", { name: "Reset…" }).click();
      await page.getByRole("button", { name: "Reset the sandbox" }).click();
      await page
        .getByRole("alert")
        .getByText(/Error 404/)
        .waitFor();
      await expect(page.getByText(`urn:li:person:${member.id}`).count()).resolves.toBe(0);
      await expect(
        page.getByRole("heading", { name: "Compliance authorizations" }).count(),
      ).resolves.toBe(0);
      await shoot("19-member-after-reset");
      expect(browserProblems).toEqual([]);
    });
  },
);
