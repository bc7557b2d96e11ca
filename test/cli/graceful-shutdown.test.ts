import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { spawnRegulaServe } from "../helpers/regula-process.js";
import { createTempDir } from "../helpers/store-targets.js";

const ADMIN_KEY = "graceful-shutdown-admin-key-0123456789";
const WORKERS = 8;

interface Ack {
  id: string;
  thread: string;
}

/**
 * `regula serve` receives SIGTERM while clients are sending messages: every message the
 * server acknowledged (201) must be in the store after the process has exited, and the
 * process exits 0. (SQLite: the store a single process owns; the drain is the server's.)
 */
describe("regula serve on SIGTERM under load", () => {
  const temp = createTempDir("regula-shutdown-");
  afterEach(() => temp.remove());

  it("drains in-flight requests, then closes the store: every acknowledged message is stored", async () => {
    const { child, baseUrl, exited } = await spawnRegulaServe([], {
      PORT: "0",
      REGULA_DATA_DIR: temp.dir,
      REGULA_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: "warn",
    });

    const acks: Ack[] = [];
    let stopping = false;
    const send = async (worker: number, n: number) => {
      const response = await fetch(`${baseUrl}/sandbox/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({
          from: "urn:li:person:grace-hopper",
          to: ["urn:li:person:ada-lovelace"],
          text: `worker ${worker} message ${n}`,
        }),
      });
      if (response.status === 201) acks.push((await response.json()) as Ack);
      else await response.body?.cancel();
    };
    const workers = Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = 0; ; n++) {
        try {
          await send(worker, n);
        } catch {
          // Refused or reset once the server is closing: this worker is done.
          if (stopping) return;
          throw new Error(`worker ${worker} failed before SIGTERM`);
        }
        if (stopping && child.exitCode !== null) return;
      }
    });

    await waitFor(() => (acks.length >= 60 ? true : undefined), 60_000);
    stopping = true;
    child.kill("SIGTERM");
    const code = await exited;
    await Promise.all(workers);

    expect(code).toBe(0);
    expect(acks.length).toBeGreaterThanOrEqual(60);
    const store = await openStore({ dataDir: temp.dir });
    try {
      const stored = new Set<string>();
      for (const thread of new Set(acks.map((a) => a.thread))) {
        const id = thread.split(":").at(-1) ?? thread;
        for (const message of await store.messaging.listThreadMessages(id)) stored.add(message.id);
      }
      const missing = acks.filter((a) => !stored.has(a.id));
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
