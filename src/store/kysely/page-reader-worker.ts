import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { setReadPragmas } from "../sqlite-read-pragmas.js";
import { findEventPage } from "./event-pages.js";
import type { PageRequest, PageResponse, PageWorkerData } from "./page-readers.js";
import { type ReadRows, sqliteRows } from "./reader.js";

/**
 * A page reader (page-readers.ts): reads event pages on a read-only connection of its own,
 * one request at a time, with the same statements as the main thread. In WAL mode each
 * statement sees every transaction committed before it started, as the main thread would.
 */
const { file, mmapBytes } = workerData as PageWorkerData;
const port = parentPort!;
let rows: ReadRows | null = null;

/** Opened at the first page, so a database that cannot be opened refuses each page with why. */
function connection(): ReadRows {
  if (!rows) {
    const handle = new SQLite(file, { readonly: true, fileMustExist: true });
    handle.pragma("busy_timeout = 5000");
    setReadPragmas(handle, mmapBytes);
    rows = sqliteRows(handle);
  }
  return rows;
}

port.on("message", (request: PageRequest) => {
  Promise.resolve()
    .then(() => findEventPage((read) => read(connection()), "sqlite", request.query))
    .then(
      (page) => port.postMessage({ id: request.id, page } satisfies PageResponse),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies PageResponse),
    );
});
