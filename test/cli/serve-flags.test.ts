import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempDir } from "../helpers/store-targets.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");

describe("regula serve flags", () => {
  const temp = createTempDir("regula-serve-flags-");
  afterEach(() => temp.remove());

  it("--port and --data-dir override PORT and REGULA_DATA_DIR", async () => {
    const dataDir = path.join(temp.dir, "from-flag");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(repoRoot, "src/main.ts"),
        "serve",
        "--port",
        "0",
        "--data-dir",
        dataDir,
      ],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? "",
          PORT: "1",
          REGULA_DATA_DIR: path.join(temp.dir, "from-env"),
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const deadline = Date.now() + 30_000;
    while (!/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(output);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    expect(url).not.toBe("http://127.0.0.1:1");
    expect(output).toContain(`store: sqlite in ${dataDir}`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, "admin-key"))).toBe(true);
    expect(fs.existsSync(path.join(temp.dir, "from-env"))).toBe(false);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
