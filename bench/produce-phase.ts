import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ComplianceEvent } from "../src/archiver/compliance-event.js";
import { MemberArchive } from "../src/archiver/member-archive.js";
import { producePackage } from "../src/archiver/production/produce-package.js";

const member = "urn:li:person:benchAda";
const other = (t: number) => `urn:li:person:benchPeer${t}`;
const start = Date.parse("2026-01-01T00:00:00Z");

export interface ProduceFigures {
  events: number;
  archiveMs: number;
  files: number;
  bytes: number;
  ms: number;
  goalMs: number;
}

/**
 * Archives `count` message events of one member across `threads` conversations (shaped as
 * the Compliance Events API returns them) in a temp dir, then times `archive produce` over
 * the whole period. The temp dir is removed afterwards.
 */
export async function runProducePhase(count: number, threads: number): Promise<ProduceFigures> {
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
    const out = path.join(dir, "package.zip");
    const result = await producePackage(
      dir,
      member,
      { from: start, to: start + count * 60_000 + 1 },
      out,
    );
    const { size } = await fs.stat(out);
    return {
      events: result.events,
      archiveMs: Math.round(archiveMs),
      files: result.files,
      bytes: size,
      ms: Math.round(result.ms),
      goalMs: 10_000,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
