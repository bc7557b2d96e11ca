import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { composeServer } from "./compose-server.js";
import { loadConfig } from "./config.js";
import { demoSeed } from "./sandbox/demo-seed.js";
import { parseSeedDocument } from "./sandbox/seed-document.js";
import { ControlClient, type SeedInput } from "./sandbox-client/control-client.js";
import { ADMIN_KEY_PREFIX, generateSecret } from "./secrets.js";
import { createDisposableDatabase } from "./store/disposable-database.js";

/** The package's library entry: `import { startRegula } from "regula"`. */

export { DEMO_ADA_TOKEN, DEMO_CLIENT_SECRET } from "./sandbox/demo-seed.js";
export {
  AdminKeyRejectedError,
  type ClockState,
  ControlClient,
  type ControlClientOptions,
  ControlPlaneError,
  type FaultView,
  type MemberToken,
  type NewApplication,
  type NewMember,
  type ResetResult,
  type SeedInput,
  type SentMessage,
  ServerUnreachableError,
} from "./sandbox-client/control-client.js";

export interface StartRegulaOptions {
  /** The world to start with (a seed document, docs/seed.md); default the demo world. */
  seed?: SeedInput;
  /**
   * `"sqlite"` (default): a temp directory, deleted on stop(). `{ postgresUrl }`: a fresh
   * database created on that server and dropped on stop().
   */
  store?: "sqlite" | { postgresUrl: string };
  /** Start with the virtual clock set to `frozenAt` (epoch ms or a Date) and frozen. */
  clock?: { frozenAt: number | Date };
  /** Server log level (default "silent"). */
  logLevel?: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

export interface RunningRegula {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  adminKey: string;
  /** The instance's own temp directory (the SQLite file lives here); deleted on stop(). */
  dataDir: string;
  /** The fresh PostgreSQL database's URL when `store` named a server; dropped on stop(). */
  databaseUrl: string | null;
  /** A typed client of this instance's control plane. */
  control: ControlClient;
  /** Stops the server and deletes its store (temp dir or database). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A whole Regula on a random loopback port with a disposable store of its own, for a test
 * suite. Instances share nothing, so several may run in one process.
 */
export async function startRegula(options: StartRegulaOptions = {}): Promise<RunningRegula> {
  const startupSeed = options.seed === undefined ? demoSeed : parseSeedDocument(options.seed);
  const adminKey = generateSecret(ADMIN_KEY_PREFIX);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-embedded-"));
  const cleanups: Array<() => Promise<void>> = [
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const env: Record<string, string> = {
      REGULA_DATA_DIR: dataDir,
      REGULA_ADMIN_KEY: adminKey,
      LOG_LEVEL: options.logLevel ?? "silent",
    };
    if (options.store !== undefined && options.store !== "sqlite") {
      const database = await createDisposableDatabase(options.store.postgresUrl);
      cleanups.push(database.drop);
      env.DATABASE_URL = database.url;
    }
    const frozenAt = options.clock ? Number(options.clock.frozenAt) : undefined;
    const server = await composeServer(loadConfig(env), {
      startupSeed,
      ...(frozenAt === undefined ? {} : { frozenAt }),
    });
    cleanups.push(server.close);
    const url = await server.app.listen({ port: 0, host: "127.0.0.1" });
    let stopping: Promise<void> | null = null;
    return {
      url,
      adminKey,
      dataDir,
      databaseUrl: env.DATABASE_URL ?? null,
      control: new ControlClient({ baseUrl: url, adminKey }),
      stop: () => {
        stopping ??= cleanUp();
        return stopping;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
