import path from "node:path";
import SQLite from "better-sqlite3";
import { adminQuery } from "./pg-admin.js";
import type { CacheEntry } from "./store-cache.js";

export interface StorageFigures {
  bytes: number;
  bytesPerEvent: number;
  /** Per event, without the message text counted once (the goal's "plus the text once"). */
  bytesPerEventWithoutText: number;
  /** PostgreSQL: the user tables and their indexes only (pg_total_relation_size). */
  tableBytes?: number;
}

/**
 * The size of a cached store: SQLite page_count × page_size (after the WAL was checkpointed
 * on close); PostgreSQL pg_database_size and the sum of pg_total_relation_size of its tables.
 */
export async function measureStorage(entry: CacheEntry): Promise<StorageFigures> {
  const meta = entry.meta!;
  let bytes: number;
  let tableBytes: number | undefined;
  if (entry.location.kind === "sqlite") {
    const db = new SQLite(path.join(entry.location.dataDir, "regula.sqlite"), { readonly: true });
    try {
      const pages = Number(db.pragma("page_count", { simple: true }));
      const pageSize = Number(db.pragma("page_size", { simple: true }));
      bytes = pages * pageSize;
    } finally {
      db.close();
    }
  } else {
    const database = entry.database!;
    const [size] = await adminQuery<{ n: string }>("select pg_database_size($1)::text as n", [
      database,
    ]);
    bytes = Number(size?.n ?? 0);
    const [tables] = await adminQuery<{ n: string }>(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as n
         from pg_class c join pg_namespace s on s.oid = c.relnamespace
        where s.nspname = 'public' and c.relkind = 'r'`,
      [],
      database,
    );
    tableBytes = Number(tables?.n ?? 0);
  }
  const events = Math.max(1, meta.events);
  const counted = tableBytes ?? bytes;
  return {
    bytes,
    bytesPerEvent: Math.round(counted / events),
    bytesPerEventWithoutText: Math.round((counted - meta.textBytes) / events),
    ...(tableBytes === undefined ? {} : { tableBytes }),
  };
}
