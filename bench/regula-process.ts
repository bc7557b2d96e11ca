import fs from "node:fs";
import path from "node:path";
import { type Child, freePort, spawnChild, waitForHttp } from "./child-process.js";
import { ADMIN_KEY } from "./world-plan.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
/** What `npm run bench` builds first (tsc, then scripts/bundle-bin.ts): the `regula` bin. */
export const REGULA_BIN = path.join(repoRoot, "dist", "bin", "main.js");

/** Where a Regula store lives: a SQLite data dir or a PostgreSQL URL. */
export type StoreLocation = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string };

export interface RegulaServer {
  baseUrl: string;
  child: Child;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/bin/main.js serve` as a user would, on a free loopback port, with the
 * store's env (REGULA_DATA_DIR or DATABASE_URL), the bench's admin key and LOG_LEVEL=warn
 * (no log line per request). `seedFile` is applied only if the store is empty.
 */
export async function startRegula(
  store: StoreLocation,
  options: { seedFile?: string; bodyLimitBytes?: number } = {},
): Promise<RegulaServer> {
  if (!fs.existsSync(REGULA_BIN)) {
    throw new Error(`${path.relative(repoRoot, REGULA_BIN)} is missing: run \`npm run bench\``);
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: "127.0.0.1",
    REGULA_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: "warn",
    ...(store.kind === "sqlite"
      ? { REGULA_DATA_DIR: store.dataDir }
      : {
          DATABASE_URL: store.url,
          REGULA_DATA_DIR: path.join(repoRoot, ".bench-cache", "pg-data"),
        }),
    ...(options.seedFile ? { REGULA_SEED: options.seedFile } : {}),
    ...(options.bodyLimitBytes ? { REGULA_BODY_LIMIT_BYTES: String(options.bodyLimitBytes) } : {}),
  };
  const child = spawnChild(process.execPath, [REGULA_BIN, "serve"], { env });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/healthz`, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { baseUrl, child, stop: () => child.stop() };
}
