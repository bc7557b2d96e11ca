import type SQLite from "better-sqlite3";

// The most this build of SQLite maps (SQLITE_MAX_MMAP_SIZE, just under 2 GiB); larger is capped.
export const DEFAULT_MMAP_BYTES = 2 * 1024 ** 3;

/**
 * The settings of every SQLite connection that serves reads (the write connection, the
 * read-only one, each page reader's). A 32 MB page cache (the default is 2 MB) keeps the
 * event indexes' upper levels and the hot tail of the tables in memory at millions of
 * events; sorts and temp b-trees stay in memory too.
 */
export function setReadPragmas(database: SQLite.Database, mmapBytes: number | undefined): void {
  database.pragma("cache_size = -32768");
  database.pragma("temp_store = MEMORY");
  database.pragma(`mmap_size = ${Math.max(0, Math.floor(mmapBytes ?? DEFAULT_MMAP_BYTES))}`);
}
