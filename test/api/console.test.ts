import fs from "node:fs";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerErrorHandling } from "../../src/http/plugins/error-handling.js";
import { consoleContentSecurityPolicy, consoleRoutes } from "../../src/http/routes/console.js";
import { createTempDir } from "../helpers/store-targets.js";

/** The console's static serving, over a stand-in build so no Vite build is needed here. */
describe("the web console at /console", () => {
  let app: FastifyInstance;
  let temp: { dir: string; remove(): void };

  const writeBuild = () => {
    fs.mkdirSync(path.join(temp.dir, "assets"), { recursive: true });
    fs.writeFileSync(
      path.join(temp.dir, "index.html"),
      '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>',
    );
    fs.writeFileSync(path.join(temp.dir, "assets", "index-abc123.js"), "console.log(1);");
    fs.writeFileSync(path.join(temp.dir, ".secret"), "never served");
  };

  beforeEach(async () => {
    temp = createTempDir("regula-console-");
    app = Fastify();
    registerErrorHandling(app);
    await app.register(consoleRoutes, { distDir: temp.dir });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    temp.remove();
  });

  it("redirects /console to /console/", async () => {
    writeBuild();
    const res = await app.inject("/console");
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/console/");
  });

  it("serves the page uncached and the hashed assets cached for good, all under a self-only CSP", async () => {
    writeBuild();
    const page = await app.inject("/console/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain("/console/assets/index-abc123.js");
    const asset = await app.inject("/console/assets/index-abc123.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const res of [page, asset]) {
      expect(res.headers["content-security-policy"]).toBe(consoleContentSecurityPolicy);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(consoleContentSecurityPolicy).toContain("default-src 'self'");
    expect(consoleContentSecurityPolicy).toContain("script-src 'self'");
    expect(consoleContentSecurityPolicy).not.toContain("unsafe-inline");
  });

  it("answers a JSON 404 for unknown files, dotfiles and paths leaving the build", async () => {
    writeBuild();
    for (const url of [
      "/console/assets/nope.js",
      "/console/.secret",
      "/console/assets/../.secret",
      "/console/%2e%2e/%2e%2e/package.json",
      "/console/assets",
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ status: 404 });
      expect(res.body).not.toContain("never served");
    }
  });

  it("answers a JSON 503 naming `npm run build:web` until the console is built, then serves it", async () => {
    for (const url of ["/console/", "/console/assets/index-abc123.js"]) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE" });
      expect(res.json().message).toContain("npm run build:web");
    }
    writeBuild();
    expect((await app.inject("/console/")).statusCode).toBe(200);
  });
});
