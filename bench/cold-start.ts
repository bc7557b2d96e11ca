import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { percentile } from "./percentiles.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
const entry = path.join(repoRoot, "dist", "bin", "main.js");

/**
 * Cold start of the `regula` executable as a user runs it: from spawning `node dist/bin/main.js
 * serve` (SQLite in a fresh data dir, so migrations run and the demo world is seeded) to the
 * first answered request (GET /healthz, polled every 5 ms on a port chosen beforehand).
 * Each run gets a new data dir and a new process; the figures are over `runs` runs.
 */
export async function measureColdStart(runs: number): Promise<{
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}> {
  if (!fs.existsSync(entry)) {
    throw new Error(`${path.relative(repoRoot, entry)} is missing: run \`npm run build\` first`);
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await oneColdStart());
  times.sort((a, b) => a - b);
  return {
    runs,
    medianMs: Math.round(percentile(times, 50)),
    minMs: Math.round(times[0] ?? 0),
    maxMs: Math.round(times.at(-1) ?? 0),
  };
}

async function oneColdStart(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-cold-"));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [entry, "serve"], {
    env: { ...process.env, PORT: String(port), REGULA_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  try {
    const deadline = started + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > deadline) throw new Error("no answer within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
