import fs from "node:fs";
import path from "node:path";
import { runCaptureClientChild } from "./capture-runner.js";
import { adminQuery, databaseExists } from "./pg-admin.js";
import { type StoreLocation, startRegula } from "./regula-process.js";
import {
  type CacheEntry,
  cacheEntry,
  type StoreMeta,
  schemaVersion,
  sizeLabel,
} from "./store-cache.js";
import {
  ADMIN_KEY,
  EVENTS_PER_MESSAGE,
  LOAD_SPAN_MS,
  TEXT_BYTES,
  WORLD_START_MS,
  worldSeed,
} from "./world-plan.js";

/** Messages per load request: well under the default 1 MiB body limit at 1 KB each. */
const LOAD_BATCH = 500;
const LOAD_CLIENTS = 3;

/**
 * Returns the cache entry of a store of `events` events, loading it first if it is not
 * cached: the bench world is seeded into an empty store by `regula serve`, then messages go
 * in through `POST /sandbox/messages:batch` from several clients, so the rows are exactly
 * what capture writes. The frozen clock moves forward after every batch (LOAD_SPAN_MS over
 * the whole load). Loading happens under a temporary name, renamed when complete.
 */
export async function ensureLoadedStore(
  kind: "sqlite" | "postgres",
  events: number,
  cacheDir: string,
): Promise<CacheEntry> {
  const entry = cacheEntry(kind, events, cacheDir);
  if (entry.meta) return entry;
  fs.mkdirSync(cacheDir, { recursive: true });
  const partial = await partialLocation(entry);
  const seedFile = path.join(cacheDir, "bench-seed.json");
  fs.writeFileSync(seedFile, JSON.stringify(worldSeed()));
  const messages = Math.ceil(events / EVENTS_PER_MESSAGE);
  const server = await startRegula(partial, { seedFile });
  process.stderr.write(`bench: loading ${sizeLabel(events)} events (${kind}) into the cache\n`);
  let meta: StoreMeta;
  try {
    const started = performance.now();
    const result = await runCaptureClientChild({
      baseUrl: server.baseUrl,
      mode: "batch",
      batchSize: LOAD_BATCH,
      clients: LOAD_CLIENTS,
      totalMessages: messages,
      advanceClockMs: Math.floor(LOAD_SPAN_MS / Math.ceil(messages / LOAD_BATCH)),
      threads: [],
      label: "load",
      progressEvery: Math.max(LOAD_BATCH, Math.round(messages / 20 / LOAD_BATCH) * LOAD_BATCH),
    });
    const loadMs = performance.now() - started;
    if (result.failed > 0) throw new Error(`load: ${result.failed} messages refused`);
    const clock = await readClock(server.baseUrl).catch(async (error: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      throw new Error(
        `load: the server stopped answering (${error}); exit ${server.child.process.exitCode ?? server.child.process.signalCode}: ${server.child.stderrTail()}`,
      );
    });
    meta = {
      kind,
      schemaVersion: schemaVersion(),
      events: result.events,
      messages: result.messages,
      textBytes: result.messages * TEXT_BYTES,
      firstMs: WORLD_START_MS,
      lastMs: clock.now,
      loadMs: Math.round(loadMs),
      loadMessagesPerSec: Math.round(result.messages / (loadMs / 1000)),
      threads: result.threads,
    };
  } finally {
    await server.stop();
  }
  await commitPartial(entry, partial);
  fs.writeFileSync(entry.metaFile, `${JSON.stringify(meta)}\n`);
  process.stderr.write(
    `bench: loaded ${meta.events} events in ${(meta.loadMs / 1000).toFixed(0)} s (${meta.loadMessagesPerSec} messages/s)\n`,
  );
  return { ...entry, meta };
}

async function partialLocation(entry: CacheEntry): Promise<StoreLocation> {
  if (entry.location.kind === "sqlite") {
    const dataDir = `${entry.location.dataDir}.partial`;
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(entry.location.dataDir, { recursive: true, force: true });
    return { kind: "sqlite", dataDir };
  }
  const name = `${entry.database}_p`.slice(0, 63);
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`drop database if exists ${entry.database} with (force)`);
  await adminQuery(`create database ${name}`);
  return { kind: "postgres", url: entry.location.url.replace(/[^/]+$/, name) };
}

async function commitPartial(entry: CacheEntry, partial: StoreLocation): Promise<void> {
  if (entry.location.kind === "sqlite" && partial.kind === "sqlite") {
    fs.renameSync(partial.dataDir, entry.location.dataDir);
    return;
  }
  const name = `${entry.database}_p`.slice(0, 63);
  if (await databaseExists(name)) {
    await adminQuery(`alter database ${name} rename to ${entry.database}`);
  }
}

async function readClock(baseUrl: string): Promise<{ now: number }> {
  const response = await fetch(`${baseUrl}/sandbox/clock`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  return (await response.json()) as { now: number };
}
