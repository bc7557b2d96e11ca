/**
 * The raw-insert anchor, in its own process: `node --import tsx bench/raw-copy-child.ts
 * CONFIG.json`. Reads back what the last Regula capture round wrote, then times inserting
 * copies of the same rows (fresh primary keys) into the same store with plain prepared
 * statements, `groupSize` messages' rows per transaction, same durability settings (on
 * PostgreSQL multi-row INSERTs over as many connections as the Regula round had clients). Prints
 * one JSON line (RawCopyResult).
 */
import fs from "node:fs";
import { applyPlanPg, connect, readRoundRowsPg } from "./raw-copy-pg.js";
import { planRawCopy } from "./raw-copy-plan.js";
import {
  applyPlanSqlite,
  openLikeRegula,
  readRoundRowsSqlite,
  type SqliteMarkers,
} from "./raw-copy-sqlite.js";

export interface RawCopyConfig {
  target: { kind: "sqlite"; file: string } | { kind: "postgres"; database: string };
  /** Taken before and after the Regula round: its rows lie between. */
  markers: SqliteMarkers | number;
  until: SqliteMarkers | number;
  groupSize: number;
  copy: number;
  /** PostgreSQL: connections inserting in parallel (the Regula round's clients). */
  connections: number;
}

export interface RawCopyResult {
  messages: number;
  inserts: number;
  upserts: number;
  transactions: number;
  durationMs: number;
  messagesPerSec: number;
}

async function main(config: RawCopyConfig): Promise<RawCopyResult> {
  let ms: number;
  let plan: ReturnType<typeof planRawCopy>;
  if (config.target.kind === "sqlite") {
    const db = openLikeRegula(config.target.file);
    try {
      const tables = readRoundRowsSqlite(
        db,
        config.markers as SqliteMarkers,
        config.until as SqliteMarkers,
      );
      plan = planRawCopy(tables, config.groupSize, config.copy);
      ms = applyPlanSqlite(db, plan, tables);
    } finally {
      db.close();
    }
  } else {
    const { database } = config.target;
    const clients = await Promise.all(
      Array.from({ length: Math.max(1, config.connections) }, () => connect(database)),
    );
    try {
      const tables = await readRoundRowsPg(
        clients[0]!,
        config.markers as number,
        config.until as number,
      );
      plan = planRawCopy(tables, config.groupSize, config.copy);
      ms = await applyPlanPg(clients, plan, tables);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }
  return {
    messages: plan.messages,
    inserts: plan.inserts,
    upserts: plan.upserts,
    transactions: plan.transactions.length,
    durationMs: Math.round(ms),
    messagesPerSec: Math.round(plan.messages / (ms / 1000)),
  };
}

const config = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as RawCopyConfig;
process.stdout.write(`${JSON.stringify(await main(config))}\n`);
