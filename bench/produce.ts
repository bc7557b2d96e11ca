import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ComplianceEvent } from "../src/archiver/compliance-event.js";
import { MemberArchive } from "../src/archiver/member-archive.js";
import { producePackage } from "../src/archiver/production/produce-package.js";

/**
 * `npx tsx bench/produce.ts [--events N] [--threads T]`: archives N message events of one
 * member (shaped as the Compliance Events API returns them) in a temp dir, then times
 * `archive produce` over them. One JSON line per phase on stdout.
 */
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    threads: { type: "string", default: "100" },
  },
});
const count = Number(values.events);
const threads = Number(values.threads);
const member = "urn:li:person:benchAda";
const other = (t: number) => `urn:li:person:benchPeer${t}`;
const start = Date.parse("2026-01-01T00:00:00Z");
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "regula-produce-bench-"));
try {
  const events: ComplianceEvent[] = [];
  const last = new Map<number, { id: string }[]>();
  for (let i = 0; i < count; i++) {
    const t = i % threads;
    const at = start + i * 60_000;
    const sender = i % 2 === 0 ? member : other(t);
    const id = `bench-msg-${i}`;
    const thread = `urn:li:messagingThread:bench-${t}`;
    const siblings = last.get(t) ?? [];
    events.push({
      id: i + 1,
      owner: member,
      actor: sender,
      processedAt: at,
      resourceName: "messages",
      resourceId: id,
      activity: {
        id,
        thread,
        owner: sender,
        createdAt: at,
        ...(siblings.length === 0 ? { subject: `Bench thread ${t} — Zürich` } : {}),
        content: { content: { string: `Message ${i} in thread ${t}: Grüße 你好 🎉` } },
      },
      processedActivity: {
        "owner~": {
          localizedFirstName: sender === member ? "Ada" : "Peer",
          localizedLastName: String(t),
        },
        "thread~": {
          membership: [
            {
              identity: member,
              "identity~": { member, localizedFirstName: "Ada", localizedLastName: "Bench" },
            },
            {
              identity: other(t),
              "identity~": {
                member: other(t),
                localizedFirstName: "Peer",
                localizedLastName: String(t),
              },
            },
          ],
        },
      },
      siblingActivities: siblings,
    });
    last.set(t, [{ id }, ...siblings].slice(0, 10));
  }
  const archiveStarted = performance.now();
  const { archive } = await MemberArchive.open(dir, member);
  for (let i = 0; i < events.length; i += 1000) await archive.append(events.slice(i, i + 1000));
  const archiveMs = performance.now() - archiveStarted;
  console.log(JSON.stringify({ phase: "archive", events: count, ms: Math.round(archiveMs) }));
  const out = path.join(dir, "package.zip");
  const result = await producePackage(
    dir,
    member,
    { from: start, to: start + count * 60_000 + 1 },
    out,
  );
  const { size } = await fs.stat(out);
  console.log(
    JSON.stringify({
      phase: "produce",
      events: result.events,
      files: result.files,
      bytes: size,
      ms: Math.round(result.ms),
      goalMs: 10_000,
    }),
  );
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
