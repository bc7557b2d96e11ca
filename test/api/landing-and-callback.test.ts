import { beforeAll, describe, expect, it } from "vitest";
import { applySeed } from "../../src/sandbox/apply-seed.js";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { createTestApplication, createTestMember } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { exchangeCode } from "../helpers/oauth-flow.js";
import { authorizeInPages, socketTransport } from "../helpers/page-flow.js";
import { storeTargets } from "../helpers/store-targets.js";
import { expectWellFormed, HOSTILE, HOSTILE_ESCAPED } from "../unit/pages/html-checks.js";

const DEFAULT_HOST = { host: "127.0.0.1:8080" };

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

describe.each(storeTargets)("the landing page and the callback page on $name", (target) => {
  const h = useHarness(target, { listen: true });
  beforeAll(async () => {
    await applySeed(demoSeed, { store: h.services.store, clock: h.services.clock });
  });

  it("links the console, the OpenAPI document, health and readiness from /", async () => {
    const res = await h.app.inject({ method: "GET", url: "/", headers: DEFAULT_HOST });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expectWellFormed(res.body);
    for (const href of ["/console/", "/openapi.json", "/healthz", "/readyz"]) {
      expect(res.body).toContain(`href="${href}"`);
      // Every link leads somewhere real (the console's own tests cover /console/, which
      // needs the built bundle).
      if (href === "/console/") continue;
      const linked = await h.app.inject({ method: "GET", url: href });
      expect(linked.statusCode, href).toBe(200);
    }
    const ready = await h.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.json()).toEqual({ status: "ready", store: target.name });
  });

  it("shows the demo application's client id and a consent link to this server's callback, never a secret", async () => {
    const res = await h.app.inject({ method: "GET", url: "/", headers: DEFAULT_HOST });
    expect(res.body).toContain("<code>regulademo0001</code>");
    expect(res.body).toContain("<code>ada-lovelace</code>");
    const link = /href="(\/oauth\/v2\/authorization\?[^"]+)"/.exec(res.body)?.[1];
    const query = new URL(unescapeHtml(link!), "http://x").searchParams;
    expect(query.get("client_id")).toBe("regulademo0001");
    expect(query.get("redirect_uri")).toBe("http://127.0.0.1:8080/callback");
    expect(query.get("scope")).toBe("r_compliance_sales_nav");
    expect(res.body).not.toMatch(/client_secret|clientSecret/);
  });

  it("offers no consent link for an application that did not register this server's callback", async () => {
    const res = await h.app.inject({ method: "GET", url: "/", headers: { host: "example.test" } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("/oauth/v2/authorization?");
  });

  it("ends the consent walk-through on a page with the code and a curl that exchanges it", async () => {
    const { application, clientSecret } = await createTestApplication(h.services, {
      redirectUris: [`${h.baseUrl}/callback`],
    });
    const member = await createTestMember(h.services);
    const transport = socketTransport(h.baseUrl);
    const landing = await transport({ method: "GET", url: "/" });
    const link = new RegExp(
      `href="(/oauth/v2/authorization\\?[^"]*client_id=${application.clientId}[^"]*)"`,
    ).exec(landing.body)?.[1];
    expect(link).toBeDefined();
    const { location } = await authorizeInPages(transport, {
      authorizationPath: unescapeHtml(link!),
      memberId: member.id,
    });
    expect(location.startsWith(`${h.baseUrl}/callback?`)).toBe(true);

    const callback = await transport({ method: "GET", url: location.slice(h.baseUrl.length) });
    expect(callback.status).toBe(200);
    expectWellFormed(callback.body);
    const code = new URL(location).searchParams.get("code")!;
    expect(callback.body).toContain(`<code id="code">${code}</code>`);
    const command = unescapeHtml(/<code id="exchange">([\s\S]*?)<\/code>/.exec(callback.body)![1]!);
    expect(command).toContain(`'${h.baseUrl}/oauth/v2/accessToken'`);
    expect(command).toContain(`--data-urlencode code='${code}'`);
    expect(command).toContain(`--data-urlencode redirect_uri='${h.baseUrl}/callback'`);
    expect(command).toContain(`-d client_id='${application.clientId}'`);
    expect(command).toContain('client_secret="$CLIENT_SECRET"');

    // The code the page shows is the one that works, once.
    const exchanged = await exchangeCode(h, {
      application,
      clientSecret,
      code,
      redirectUri: `${h.baseUrl}/callback`,
    });
    expect(exchanged.statusCode).toBe(200);
    expect(exchanged.json().access_token).toEqual(expect.any(String));
  });

  it("shows a cancelled authorization as an error, with every value escaped", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: `/callback?${new URLSearchParams({
        error: "user_cancelled_authorize",
        error_description: HOSTILE,
        state: HOSTILE,
      })}`,
    });
    expect(res.statusCode).toBe(200);
    expectWellFormed(res.body);
    expect(res.body).toContain("<code>user_cancelled_authorize</code>");
    expect(res.body).toContain(HOSTILE_ESCAPED);
    expect(res.body).not.toContain("<script>");
  });

  it("escapes a hostile code and says the exchange needs a client id when no application owns the URI", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: `/callback?code=${encodeURIComponent(HOSTILE)}`,
      headers: { host: "example.test" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(HOSTILE_ESCAPED);
    expect(res.body).not.toContain("<script>");
    expect(unescapeHtml(res.body)).toContain('-d client_id="$CLIENT_ID"');
  });

  it("answers 400 when the redirect carries neither a code nor an error", async () => {
    const res = await h.app.inject({ method: "GET", url: "/callback" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("neither a code nor an error");
  });
});
