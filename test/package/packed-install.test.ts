import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADA_TOKEN, DEMO_CLIENT_SECRET } from "../../src/sandbox/demo-seed.js";

/**
 * SLOW (about a minute or two): packs the package exactly as `npm publish` would (prepack
 * builds dist/ and the console), installs the tarball into an empty folder, and runs
 * `npx regula serve` from there, as a new user would. Installing compiles better-sqlite3
 * when no prebuilt binary can be downloaded, which is most of the time taken.
 */
const SLOW_MS = 300_000;
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");

describe("the packed package, installed into an empty folder", () => {
  let workDir: string;
  let appDir: string;
  let child: ChildProcess | null = null;
  let baseUrl = "";
  let output = "";

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-packed-"));
    appDir = path.join(workDir, "app");
    fs.mkdirSync(appDir);
    fs.writeFileSync(
      path.join(appDir, "package.json"),
      `${JSON.stringify({ name: "regula-user", private: true })}\n`,
    );
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", workDir], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{ filename: string }>;
    const tarball = path.join(workDir, packed?.filename ?? "missing.tgz");
    await run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: appDir,
      maxBuffer: 64 * 1024 * 1024,
    });

    const dataDir = path.join(workDir, "data");
    // Its own process group, so the server npx starts is stopped with it.
    child = spawn("npx", ["regula", "serve"], {
      cwd: appDir,
      detached: true,
      env: { ...process.env, PORT: "0", REGULA_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      output += String(chunk);
    });
    baseUrl = await waitFor(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 60_000);
  }, SLOW_MS);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  it("ships compiled JavaScript with types and source maps, and no TypeScript sources", () => {
    const installed = path.join(appDir, "node_modules", "regula");
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    const bin = path.join(installed, manifest.bin.regula);
    expect(fs.readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "index.d.ts"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "index.js.map"))).toBe(true);
    expect(fs.existsSync(`${bin}.map`)).toBe(true);
    expect(fs.existsSync(path.join(installed, "web", "dist", "index.html"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "src"))).toBe(false);
    expect(fs.existsSync(path.join(installed, "node_modules", "tsx"))).toBe(false);
    expect(fs.existsSync(path.join(appDir, "node_modules", "tsx"))).toBe(false);
  });

  it("exports startRegula() with its types to a TypeScript consumer", async () => {
    fs.writeFileSync(
      path.join(appDir, "check.ts"),
      [
        'import { type RunningRegula, startRegula } from "regula";',
        'const regula: RunningRegula = await startRegula({ store: "sqlite", seed: {} });',
        "const ids: string[] = (await regula.control.members.list()).map((m) => m.id);",
        "// @ts-expect-error the clock advances by milliseconds, not text",
        'await regula.control.clock.advance("1d");',
        "await regula.stop();",
        "export { ids };",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(appDir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          lib: ["ES2023", "DOM"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["check.ts"],
      }),
    );
    fs.writeFileSync(
      path.join(appDir, "package.json"),
      `${JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8")), type: "module" })}\n`,
    );
    await run(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", appDir]);
  });

  it("serves the demo world's OAuth and Events API", async () => {
    const tokenResponse = await fetch(`${baseUrl}/oauth/v2/accessToken`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "regulademo0001",
        client_secret: DEMO_CLIENT_SECRET,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    expect(((await tokenResponse.json()) as { access_token?: string }).access_token).toMatch(
      /^rgl_/,
    );

    const events = await fetch(
      `${baseUrl}/rest/complianceEvents?q=memberAndApplication&startTime=0&count=10`,
      {
        headers: {
          authorization: `Bearer ${DEMO_ADA_TOKEN}`,
          "linkedin-version": "202310",
          "x-restli-protocol-version": "2.0.0",
        },
      },
    );
    expect(events.status).toBe(200);
    const body = (await events.json()) as { elements: unknown[] };
    expect(body.elements.length).toBeGreaterThan(0);
  });

  it("npx regula --help and a control-plane command work from the installed package", async () => {
    const help = await run("npx", ["regula", "--help"], { cwd: appDir });
    expect(help.stdout).toContain("regula <command> --help");
    const token = await run(
      "npx",
      [
        "regula",
        "token",
        "grace-hopper",
        "--base-url",
        baseUrl,
        "--data-dir",
        path.join(workDir, "data"),
      ],
      { cwd: appDir },
    );
    expect(token.stdout.trim()).toMatch(/^rgl_at_/);
  });

  it("serves the built web console", async () => {
    const page = await fetch(`${baseUrl}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the server to listen");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
