import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { type Harness, startHarness } from "../helpers/harness.js";
import { COMPLIANCE } from "../helpers/oauth-flow.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * A member in a real browser: signs in, consents, lands on the client's redirect URI with a
 * code and the same state; the client exchanges the code; the member then removes the app
 * in their privacy settings and the token stops working. Debian's Chromium, driven by
 * playwright-core; screenshots go to test-results/browser/.
 */
const SCREENSHOTS = path.resolve("test-results/browser");

describe.skipIf(skipWithoutChromium("the OAuth browser test"))(
  "OAuth consent in a real browser",
  () => {
    let h: Harness & { baseUrl: string };
    let context: BrowserContext;
    let page: Page;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let callbackServer: http.Server;
    let callbackUrl: string;

    beforeAll(async () => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      h = await startHarness(storeTargets[0]!, { listen: true });
      callbackServer = http.createServer((_request, response) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end("<!DOCTYPE html><title>Callback</title><h1>Acme received the answer</h1>");
      });
      await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
      callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
      browser = await launchChromium();
      context = browser.context;
      page = context.pages()[0] ?? (await context.newPage());
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => callbackServer?.close(resolve));
      await h?.close();
    });

    const shot = (name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

    it("signs in, consents, exchanges the code, then removes the app and the token is rejected", async () => {
      const { application, clientSecret } = await createTestApplication(h.services, {
        name: "Acme Archiver",
        redirectUris: [callbackUrl],
      });
      const member = await createTestMember(h.services, { firstName: "Grace", lastName: "Hopper" });
      const state = "browser-state-8f3a";
      const authorizationUrl =
        `${h.baseUrl}/oauth/v2/authorization?response_type=code&client_id=${application.clientId}` +
        `&redirect_uri=${encodeURIComponent(callbackUrl)}&scope=${COMPLIANCE}&state=${state}`;

      await page.goto(authorizationUrl);
      await expect.poll(() => page.title()).toContain("Sign in");
      await shot("1-sign-in");
      await page.getByLabel("Grace Hopper").check();
      await page.getByRole("button", { name: "Sign in" }).click();

      await page.waitForURL((url) => url.pathname === "/oauth/v2/authorization");
      await expect.poll(() => page.locator("h1").textContent()).toContain("Acme Archiver");
      expect(await page.textContent("main")).toContain(
        "Archive your Sales Navigator messages for compliance",
      );
      await shot("2-consent");
      await page.getByRole("button", { name: "Allow" }).click();

      await page.waitForURL((url) => url.href.startsWith(callbackUrl));
      await shot("3-callback");
      const landed = new URL(page.url());
      expect(landed.searchParams.get("state")).toBe(state);
      const code = landed.searchParams.get("code");
      expect(code).toBeTruthy();

      const exchanged = await fetch(`${h.baseUrl}/oauth/v2/accessToken`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: code!,
          redirect_uri: callbackUrl,
          client_id: application.clientId,
          client_secret: clientSecret,
        }),
      });
      expect(exchanged.status).toBe(200);
      const { access_token: accessToken, expires_in: expiresIn } = (await exchanged.json()) as {
        access_token: string;
        expires_in: number;
      };
      expect(expiresIn).toBe(31_536_000);
      const rest = { authorization: `Bearer ${accessToken}`, "linkedin-version": "202310" };
      const optIn = await fetch(`${h.baseUrl}/rest/memberComplianceAuthorizations`, {
        method: "POST",
        headers: { ...rest, "content-type": "application/json" },
        body: "{}",
      });
      expect(optIn.status).toBe(201);

      await page.goto(`${h.baseUrl}/psettings/permitted-services`);
      expect(await page.textContent("main")).toContain("Acme Archiver");
      await shot("4-permitted-services");
      await page.getByRole("button", { name: "Remove Acme Archiver" }).click();
      await page.waitForLoadState("load");
      expect(await page.textContent("main")).toContain("You have not authorized any applications.");
      await shot("5-removed");

      const afterRemoval = await fetch(
        `${h.baseUrl}/rest/memberComplianceAuthorizations?q=memberAndApplication`,
        { headers: rest },
      );
      expect(afterRemoval.status).toBe(401);
      expect(await afterRemoval.json()).toEqual({
        status: 401,
        serviceErrorCode: 65601,
        code: "REVOKED_ACCESS_TOKEN",
        message: "The token used in the request has been revoked by the user",
      });
      expect(await h.services.store.authorizations.findOpen(application.id, member.id)).toBeNull();
      expect((await h.services.store.authorizations.listForMember(member.id))[0]).toMatchObject({
        optOutCause: "MEMBER_REMOVED_APP",
      });
    }, 60_000);
  },
);
