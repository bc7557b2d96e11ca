/**
 * Snapshot and restore of a world of about `--events` events (default 100k), per store.
 * Prints one JSON line per store: `npm run bench:snapshot -- --events 100000 --store both`.
 * Separate from bench/run.ts (the capture and read benchmark).
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ADMIN_KEY, openBenchWorld } from "./bench-world.js";
import { runCapturePhase } from "./in-process-capture.js";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    store: { type: "string", default: "both" },
  },
});
const targetEvents = Number(values.events);
// The bench world captures 2.5 events per message (bench-world.ts).
const messages = Math.ceil(targetEvents / 2.5);
const kinds = values.store === "both" ? (["sqlite", "postgres"] as const) : [values.store];

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, Math.round(performance.now() - started)];
}

for (const kind of kinds) {
  if (kind !== "sqlite" && kind !== "postgres") throw new Error(`unknown store ${kind}`);
  const world = await openBenchWorld(kind);
  try {
    const capture = await runCapturePhase(world, { messages, writers: 2 });
    const snapshots = world.store.world.snapshots;
    const [info, snapshotMs] = await timed(() => snapshots.create("bench", Date.now()));
    const [, restoreMs] = await timed(() => snapshots.restore("bench"));
    const [, restoreAgainMs] = await timed(() => snapshots.restore("bench"));
    const [, deleteMs] = await timed(() => snapshots.delete("bench"));
    const [bytes, exportMs] = await timed(async () => {
      const res = await fetch(`${world.baseUrl}/sandbox/export`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      return (await res.arrayBuffer()).byteLength;
    });
    process.stdout.write(
      `${JSON.stringify({
        bench: "snapshot",
        store: kind,
        messages: info.messages,
        events: info.events,
        capturedEvents: capture.events,
        snapshotMs,
        restoreMs,
        restoreAgainMs,
        deleteMs,
        exportMs,
        exportBytes: bytes,
      })}\n`,
    );
  } finally {
    await world.close();
  }
}
