import { Worker } from "node:worker_threads";
import type { EventRow } from "../messaging-store.js";
import type { EventPageQuery } from "./event-pages.js";

export interface PageWorkerData {
  file: string;
  mmapBytes: number | undefined;
}
export interface PageRequest {
  id: number;
  query: EventPageQuery;
}
export type PageResponse = { id: number; page: EventRow[] } | { id: number; error: string };

/** Event pages read off the main thread. */
export interface PageReaders {
  eventPage(query: EventPageQuery): Promise<EventRow[]>;
  /** Stops the workers; pages still being read are refused. */
  close(): Promise<void>;
}

interface Pending {
  resolve(page: EventRow[]): void;
  reject(error: Error): void;
}

/** One worker thread and the pages it has been asked for. */
interface PageWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Worker threads that read event pages, each on a read-only connection of its own. An event
 * page is most of the CPU time of an Events API call (the statements and the text they
 * return); on the main thread it holds every other connection for its whole length, and uses
 * one core of the machine. Here the main thread only routes, authenticates and writes the
 * answer. Each page goes to the reader with the fewest pages in hand. Workers start with the
 * first page, and one that dies is replaced at the next.
 */
export function createPageReaders(options: {
  file: string;
  mmapBytes: number | undefined;
  workers: number;
}): PageReaders {
  const readers: PageWorker[] = [];
  let nextId = 1;
  let closed = false;

  const workerData: PageWorkerData = { file: options.file, mmapBytes: options.mmapBytes };
  const start = (): PageWorker => {
    const reader: PageWorker = { worker: spawnWorker(workerData), pending: new Map() };
    const fail = (error: Error) => {
      const index = readers.indexOf(reader);
      if (index >= 0) readers.splice(index, 1);
      for (const p of reader.pending.values()) p.reject(error);
      reader.pending.clear();
    };
    reader.worker.on("message", (response: PageResponse) => {
      const pending = reader.pending.get(response.id);
      if (!pending) return;
      reader.pending.delete(response.id);
      if ("error" in response) pending.reject(new Error(response.error));
      else pending.resolve(response.page);
    });
    reader.worker.on("error", (error) =>
      fail(new Error(`page reader failed: ${error.message || String(error)}`)),
    );
    reader.worker.on("exit", (code) => fail(new Error(`page reader stopped (exit ${code})`)));
    // A store left open must not keep the process alive.
    reader.worker.unref();
    readers.push(reader);
    return reader;
  };

  return {
    eventPage(query) {
      if (closed) return Promise.reject(new Error("The store is closed"));
      const reader =
        readers.length < options.workers
          ? start()
          : readers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<EventRow[]>((resolve, reject) => {
        reader.pending.set(id, { resolve, reject });
        reader.worker.postMessage({ id, query } satisfies PageRequest);
      });
    },
    async close() {
      closed = true;
      await Promise.all(readers.map((r) => r.worker.terminate()));
    },
  };
}

/**
 * The worker runs the compiled module next to this one; run from TypeScript sources (the
 * tests), it loads the source through tsx, as the parent does.
 */
function spawnWorker(workerData: PageWorkerData): Worker {
  if (import.meta.url.endsWith(".ts")) {
    const source = new URL("./page-reader-worker.ts", import.meta.url).href;
    return new Worker(
      `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
      { eval: true, workerData },
    );
  }
  return new Worker(new URL("./page-reader-worker.js", import.meta.url), { workerData });
}
