import fs from "node:fs";
import path from "node:path";
import type { KnownThread } from "./message-source.js";
import { adminQuery, pgUrl } from "./pg-admin.js";
import type { StoreLocation } from "./regula-process.js";
import { WORLD_VERSION } from "./world-plan.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
export const DEFAULT_CACHE_DIR = path.join(repoRoot, ".bench-cache");

/** What the loader learnt about a cached store; written last, so its presence means complete. */
export interface StoreMeta {
  kind: "sqlite" | "postgres";
  schemaVersion: string;
  events: number;
  messages: number;
  textBytes: number;
  /** The range of processedAt the loaded events span (virtual clock). */
  firstMs: number;
  lastMs: number;
  loadMs: number;
  loadMessagesPerSec: number;
  /** Threads to reply in, so capture rounds add to existing conversations. */
  threads: KnownThread[];
}

/**
 * The store's schema version: the latest migration's name. A cached store is reused only
 * by a tree with the same migration history, so the other branch's schema change starts a
 * new cache entry instead of benchmarking an old layout.
 */
export function schemaVersion(): string {
  const dir = path.join(repoRoot, "src", "store", "migrations");
  const names = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-.*\.ts$/.test(f))
    .sort();
  const last = names.at(-1);
  if (!last) throw new Error(`no migrations in ${dir}`);
  return last.replace(/\.ts$/, "");
}

export interface CacheEntry {
  meta: StoreMeta | null;
  metaFile: string;
  /** Where the cached store lives (complete or not). */
  location: StoreLocation;
  /** The PostgreSQL database name, for template copies. */
  database?: string;
}

/** The cache entry of a store of `events` events: a SQLite data dir, or a database by name. */
export function cacheEntry(
  kind: "sqlite" | "postgres",
  events: number,
  cacheDir: string,
): CacheEntry {
  const version = schemaVersion();
  const key = `${kind}-${sizeLabel(events)}-${version}-w${WORLD_VERSION}`;
  const metaFile = path.join(cacheDir, `${key}.json`);
  const meta = fs.existsSync(metaFile)
    ? (JSON.parse(fs.readFileSync(metaFile, "utf8")) as StoreMeta)
    : null;
  if (kind === "sqlite") {
    return { meta, metaFile, location: { kind, dataDir: path.join(cacheDir, key) } };
  }
  const database = `regula_bench_${key.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`.slice(0, 63);
  return { meta, metaFile, location: { kind, url: pgUrl(database) }, database };
}

export function sizeLabel(events: number): string {
  if (events % 1_000_000 === 0) return `${events / 1_000_000}m`;
  if (events % 1000 === 0) return `${events / 1000}k`;
  return String(events);
}

/** "10k", "1m", "250000" → events. */
export function parseSize(label: string): number {
  const match = /^(\d+)([km]?)$/i.exec(label.trim());
  if (!match) throw new Error(`--sizes: "${label}" is not a size like 10k, 100k, 1m`);
  const unit = match[2]?.toLowerCase();
  return Number(match[1]) * (unit === "m" ? 1_000_000 : unit === "k" ? 1000 : 1);
}

export interface WorkingCopy {
  location: StoreLocation;
  /** SQLite file or PostgreSQL database name, for the raw anchor and the figures. */
  target: { kind: "sqlite"; file: string } | { kind: "postgres"; database: string };
  remove(): Promise<void>;
}

/**
 * A copy of the cached store for one run, so capture rounds never change the cache: a file
 * copy on SQLite (a reflink where the file system has them), `CREATE DATABASE … TEMPLATE`
 * on PostgreSQL.
 */
export async function workingCopy(entry: CacheEntry, cacheDir: string): Promise<WorkingCopy> {
  const tag = `work-${process.pid}`;
  if (entry.location.kind === "sqlite") {
    const dataDir = path.join(cacheDir, `${tag}-${path.basename(entry.location.dataDir)}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    for (const suffix of ["", "-wal"]) {
      const from = path.join(entry.location.dataDir, `regula.sqlite${suffix}`);
      if (fs.existsSync(from)) {
        fs.copyFileSync(
          from,
          path.join(dataDir, `regula.sqlite${suffix}`),
          fs.constants.COPYFILE_FICLONE,
        );
      }
    }
    return {
      location: { kind: "sqlite", dataDir },
      target: { kind: "sqlite", file: path.join(dataDir, "regula.sqlite") },
      remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = `${tag.replace("-", "_")}_${entry.database}`.slice(0, 63);
  await adminQuery(`drop database if exists ${database} with (force)`);
  await adminQuery(`create database ${database} template ${entry.database}`);
  return {
    location: { kind: "postgres", url: pgUrl(database) },
    target: { kind: "postgres", database },
    remove: async () => {
      await adminQuery(`drop database if exists ${database} with (force)`);
    },
  };
}
