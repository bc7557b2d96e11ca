import fs from "node:fs";
import path from "node:path";
import { ACCESS_TOKEN_PREFIX, generateSecret, hashSecret } from "../../src/secrets.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { createPostgresDatabase, createTempDir } from "../helpers/store-targets.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { type Acknowledged, type PollerLog, REGULATED, seed } from "./workload.js";

/** Several `regula serve` processes on one fresh PostgreSQL database, seeded with `seed`. */
export interface Cluster {
  servers: ServerProcess[];
  store: Store;
  adminKey: string;
  close(): Promise<void>;
}

export async function startCluster(options: {
  processes: number;
  adminKey: string;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const servers: ServerProcess[] = [];
  const temp = createTempDir("regula-cluster-");
  const database = await createPostgresDatabase();
  let store: Store | undefined;
  const close = async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await store?.close();
    await database.drop();
    temp.remove();
  };
  try {
    const seedFile = path.join(temp.dir, "seed.json");
    fs.writeFileSync(seedFile, JSON.stringify(seed));
    const env = {
      DATABASE_URL: database.url,
      REGULA_ADMIN_KEY: options.adminKey,
      REGULA_SEED: seedFile,
      REGULA_DATA_DIR: temp.dir,
      LOG_LEVEL: "warn",
      ...options.env,
    };
    // The first process migrates and seeds the empty database; the others find it seeded.
    servers.push(await startServerProcess(env));
    // Settled, not Promise.all: a server that started must be in `servers` before close
    // runs, even when its sibling failed.
    const others = await Promise.allSettled(
      Array.from({ length: options.processes - 1 }, () => startServerProcess(env)),
    );
    for (const started of others) if (started.status === "fulfilled") servers.push(started.value);
    for (const started of others) if (started.status === "rejected") throw started.reason;
    store = await openStore({ databaseUrl: database.url, dataDir: temp.dir });
    return { servers, store, adminKey: options.adminKey, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Stream {
  application: string;
  member: string;
  token: string;
}

/** A member token for each regulated (application, member) stream, stored as the OAuth flow would. */
export async function streamTokens(store: Store): Promise<Stream[]> {
  const now = Date.now();
  const streams: Stream[] = [];
  for (const [application, members] of Object.entries(REGULATED)) {
    for (const member of members) {
      const token = generateSecret(ACCESS_TOKEN_PREFIX);
      await store.tokens.insert({
        tokenHash: hashSecret(token),
        applicationId: application,
        memberId: member,
        authType: "3L",
        scopes: ["r_compliance_sales_nav"],
        authorizedAt: now,
        createdAt: now,
        expiresAt: now + 86_400_000,
        revokedAt: null,
        refreshTokenHash: null,
        refreshExpiresAt: null,
      });
      streams.push({ application, member, token });
    }
  }
  return streams;
}

/** Acknowledged messages of `stream.member` whose event that stream's poller never received. */
export function lostMessages(
  stream: Stream,
  acknowledged: readonly Acknowledged[],
  log: PollerLog,
): string[] {
  const received = new Set([...log.events.values()].map((e) => e.resourceId));
  return acknowledged
    .filter((m) => m.participants.includes(stream.member) && !received.has(m.id))
    .map((m) => m.id);
}
