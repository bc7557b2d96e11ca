import fs from "node:fs";
import { composeServer } from "../compose-server.js";
import type { Config } from "../config.js";
import { demoSeed } from "../sandbox/demo-seed.js";
import { parseSeedDocument, type SeedDocument } from "../sandbox/seed-document.js";
import { listenError } from "../startup-errors.js";
import { printBanner } from "./banner.js";
import { terminalLogStream } from "./terminal-log.js";

/** Loads the seed named by REGULA_SEED, or the built-in demo world. */
export function loadStartupSeed(config: Config): SeedDocument {
  if (!config.seedFile) return demoSeed;
  try {
    return parseSeedDocument(JSON.parse(fs.readFileSync(config.seedFile, "utf8")));
  } catch (error) {
    throw new Error(`REGULA_SEED ${config.seedFile}: ${(error as Error).message}`);
  }
}

/** `regula serve`: compose the server, listen, and stop cleanly on signals. */
export async function serve(config: Config): Promise<void> {
  // On a terminal, log lines a person can read; otherwise JSON lines for a log collector.
  const server = await composeServer(config, {
    startupSeed: loadStartupSeed(config),
    processMetrics: true,
    ...(process.stdout.isTTY ? { logStream: terminalLogStream(process.stdout) } : {}),
  });
  const { app, store } = server;
  const durabilityWarning = await store.checkDurability();
  if (durabilityWarning) app.log.warn(durabilityWarning);
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await server.close();
    throw listenError(config.host, config.port, error);
  }
  printBanner({
    address,
    config,
    adminKey: server.adminKey,
    seeded: server.seeded,
    dialect: store.dialect,
  });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}
