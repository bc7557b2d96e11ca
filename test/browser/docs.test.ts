import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * `/docs` in a real browser: it renders under the pages' CSP without a single blocked or
 * failed load, lists every operation, and an operation opens to its parameters and
 * responses. The screenshot goes to test-results/browser/docs.png.
 */
const SCREENSHOTS = path.resolve("test-results/browser");

describe.skipIf(skipWithoutChromium("the /docs browser test"))("/docs in a real browser", () => {
  let h: Harness & { baseUrl: string };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    h = await startHarness(storeTargets[0]!, { listen: true });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("renders every operation with nothing blocked, and opens one to its details", async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
    await page.goto(`${h.baseUrl}/`);
    await page.getByRole("link", { name: "API documentation" }).click();
    await page.waitForURL(`${h.baseUrl}/docs`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Regula API");
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const operations = Object.values(doc.paths as Record<string, object>).flatMap(Object.keys);
    expect(await page.locator("details").count()).toBe(operations.length);

    const optOut = page.locator("details", {
      hasText: "DELETE /rest/memberComplianceAuthorizations/{key}",
    });
    await optOut.locator("summary").click();
    expect(await optOut.getAttribute("open")).not.toBeNull();
    expect(await optOut.getByText("Rest.li 1.0").isVisible()).toBe(true);
    expect(await optOut.getByText("Opted out").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "docs.png"), fullPage: false });
    expect(problems).toEqual([]);
  });
});
