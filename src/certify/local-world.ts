import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { createServices } from "../create-services.js";
import { purgeExpiredEvents } from "../domain/events/find-events.js";
import { VirtualClock } from "../domain/virtual-clock.js";
import { packageRoot } from "../package-root.js";
import { hashSecret } from "../secrets.js";
import { openStore } from "../store/open-store.js";

/**
 * How to start another `regula serve`: from a checkout (this module is TypeScript, run
 * through tsx) the sources, from the installed package its bundled executable.
 */
function serveCommand(): { args: string[]; cwd: string } {
  const root = packageRoot();
  return fileURLToPath(import.meta.url).endsWith(".ts")
    ? { args: ["--import", "tsx", path.join(root, "src", "main.ts"), "serve"], cwd: root }
    : { args: [path.join(root, "dist", "bin", "main.js"), "serve"], cwd: root };
}

/** Certify purges much more often than a server does, so a purge can land mid-crawl. */
const PURGE_EVERY_MS = 250;

/** A Regula world a certification drives: where it listens and how to reach its control plane. */
export interface CertifyWorld {
  baseUrl: string;
  adminKey: string;
  store: "sqlite" | "postgres" | "remote";
  /** Base URLs that accept writes concurrently (other processes on one PostgreSQL). */
  writerUrls(count: number): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A disposable world in this process: a fresh SQLite directory (or the given PostgreSQL
 * database), its own admin key, a random loopback port, no seed.
 */
export async function startLocalWorld(options: { databaseUrl?: string }): Promise<CertifyWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-certify-"));
  const adminKey = randomBytes(24).toString("hex");
  const store = await openStore({
    dataDir,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const clock = new VirtualClock(store);
  await clock.load();
  const config = loadConfig({ REGULA_DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  const services = createServices({
    config,
    store,
    clock,
    adminKeyHash: hashSecret(adminKey),
    startupSeed: null,
  });
  const app: FastifyInstance = await buildApp(services, { logger: false });
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const stopFollowing = clock.follow(200);
  let purging: Promise<unknown> = Promise.resolve();
  const purgeTimer = setInterval(() => {
    purging = purgeExpiredEvents({ store, clock, retentionDays: config.eventRetentionDays }).catch(
      () => 0,
    );
  }, PURGE_EVERY_MS);
  purgeTimer.unref();
  const writers: WriterProcess[] = [];

  return {
    baseUrl,
    adminKey,
    store: store.dialect,
    async writerUrls(count) {
      // SQLite has one writer lock in one file: concurrent writers are concurrent requests.
      if (!options.databaseUrl) return Array.from({ length: count }, () => baseUrl);
      while (writers.length < count - 1) {
        writers.push(await startWriterProcess(options.databaseUrl, adminKey, dataDir));
      }
      return [baseUrl, ...writers.slice(0, count - 1).map((w) => w.baseUrl)];
    },
    async close() {
      for (const writer of writers) await writer.kill();
      clearInterval(purgeTimer);
      stopFollowing();
      await purging;
      await app.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A running server, driven through its control plane only. */
export function remoteWorld(baseUrl: string, adminKey: string): CertifyWorld {
  const url = baseUrl.replace(/\/+$/, "");
  return {
    baseUrl: url,
    adminKey,
    store: "remote",
    async writerUrls(count) {
      return Array.from({ length: count }, () => url);
    },
    async close() {},
  };
}

interface WriterProcess {
  baseUrl: string;
  kill(): Promise<void>;
}

/** Another `regula serve` process on the same PostgreSQL: a second writer, as in production. */
async function startWriterProcess(
  databaseUrl: string,
  adminKey: string,
  dataDir: string,
): Promise<WriterProcess> {
  const emptySeed = path.join(dataDir, `empty-seed-${randomBytes(4).toString("hex")}.json`);
  fs.writeFileSync(emptySeed, "{}");
  const command = serveCommand();
  const child: ChildProcess = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REGULA_ADMIN_KEY: adminKey,
      REGULA_SEED: emptySeed,
      REGULA_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(
      () => reject(new Error(`writer process not ready: ${stderr}`)),
      30_000,
    );
    child.stdout?.on("data", (chunk) => {
      stdout += String(chunk);
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`writer process exited (${code}): ${stderr}`));
    });
  });
  return {
    baseUrl,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
