import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireArchiveLock } from "../../src/archiver/archive-lock.js";
import { verifyArchive } from "../../src/archiver/verify-archive.js";
import { sendMessage } from "../helpers/compliance-client.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import {
  type ArchiverWorld,
  createArchiverWorld,
  idsOf,
  type TestMember,
} from "./archiver-world.js";

const sqlite = storeTargets.filter((t) => t.name === "sqlite");

describe.each(sqlite)("archive run stopped and restarted on $name", (target) => {
  let world: ArchiverWorld;
  let ada: TestMember;
  let bob: TestMember;

  const h = useHarness(target, { listen: true });
  beforeEach(async () => {
    world = await createArchiverWorld(h, { pageSize: 2 });
    ada = await world.addMember();
    bob = await world.addMember();
  });
  afterEach(() => world.dispose());

  const exchange = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await sendMessage(h.app, {
        from: i % 2 ? bob.urn : ada.urn,
        to: [i % 2 ? ada.urn : bob.urn],
        text: `m${i}`,
      });
      await h.services.clock.advance(i % 3 === 0 ? 0 : 7); // some events share a millisecond
    }
  };
  const expectExactlyOnce = async () => {
    for (const member of [ada, bob]) {
      expect(idsOf(await world.archivedEvents(member))).toEqual(
        idsOf(await world.apiEvents(member)),
      );
    }
    const verified = await verifyArchive(world.config.archiveDir);
    expect(verified.ok, JSON.stringify(verified)).toBe(true);
  };

  it("resumes after a stop after N pages without losing or repeating an event", async () => {
    await exchange(11);
    for (const stopAfterPages of [1, 3, 4]) {
      const stop = new AbortController();
      let pages = 0;
      const report = await world.run({
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type === "page" && ++pages === stopAfterPages) stop.abort();
        },
      });
      expect(report.outcomes.some((o) => o.status === "stopped")).toBe(true);
      await exchange(2); // the world moves on while the archiver is down
    }
    const final = await world.run();
    expect(final.outcomes.map((o) => o.status)).toEqual(["archived", "archived"]);
    await expectExactlyOnce();
  });

  it("recovers from a crash between an append and its checkpoint, and from a half-written line", async () => {
    await exchange(5);
    await world.run();
    const checkpointFile = path.join(world.memberDir(ada), "checkpoint.json");
    const staleCheckpoint = await fs.readFile(checkpointFile, "utf8");
    await exchange(5);
    await world.run();
    // As if the process died after appending the second run's records but before moving the
    // checkpoint, in the middle of appending one more line.
    await fs.writeFile(checkpointFile, staleCheckpoint);
    const dayFiles = (await fs.readdir(world.memberDir(ada)))
      .filter((f) => f.endsWith(".jsonl"))
      .sort();
    await fs.appendFile(
      path.join(world.memberDir(ada), dayFiles.at(-1)!),
      '{"seq":99,"prevHash":"ab',
    );
    await exchange(3);

    await world.run();
    await expectExactlyOnce();
    expect(world.events).toContainEqual(
      expect.objectContaining({
        type: "notice",
        member: ada.urn,
        message: expect.stringContaining("half-written"),
      }),
    );
  });

  it("leaves a member's archive untouched when its records past the checkpoint do not chain, and goes on", async () => {
    await exchange(4);
    await world.run();
    const checkpointFile = path.join(world.memberDir(ada), "checkpoint.json");
    const staleCheckpoint = await fs.readFile(checkpointFile, "utf8");
    await exchange(4);
    await world.run();
    await fs.writeFile(checkpointFile, staleCheckpoint);
    const [dayFile] = (await fs.readdir(world.memberDir(ada))).filter((f) => f.endsWith(".jsonl"));
    const file = path.join(world.memberDir(ada), dayFile!);
    const lines = (await fs.readFile(file, "utf8")).split("\n");
    lines[lines.length - 2] = lines[lines.length - 2]!.replace('"m', '"M'); // the last record
    await fs.writeFile(file, lines.join("\n"));
    const before = await fs.readFile(file, "utf8");
    await exchange(2);

    const report = await world.run();
    expect(report.outcomes[0]).toMatchObject({
      member: ada.urn,
      status: "failed",
      detail: expect.stringMatching(
        /^archive corrupt at \d{4}-\d{2}-\d{2}\.jsonl:\d+: hash does not match/,
      ),
    });
    expect(report.outcomes[1]?.status).toBe("archived");
    expect(await fs.readFile(file, "utf8")).toBe(before);
  });

  it("rebuilds the cursor from the day files when the checkpoint is lost", async () => {
    await exchange(6);
    await world.run();
    await fs.rm(path.join(world.memberDir(bob), "checkpoint.json"));
    await exchange(3);
    const report = await world.run();
    expect(report.outcomes.find((o) => o.member === bob.urn)?.appended).toBe(3);
    await expectExactlyOnce();
  });

  it("refuses to run while another archiver holds the directory", async () => {
    const release = await acquireArchiveLock(world.config.archiveDir);
    try {
      await expect(world.run()).rejects.toThrow(/another archiver/);
    } finally {
      await release();
    }
    await exchange(1);
    await world.run();
    await expectExactlyOnce();
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    await fs.mkdir(world.config.archiveDir, { recursive: true });
    const lock = path.join(world.config.archiveDir, ".lock");
    const host = (await import("node:os")).hostname();
    await fs.writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host }));
    await exchange(1);
    await world.run();
    await expectExactlyOnce();
    await expect(fs.access(lock)).rejects.toThrow();
  });

  it("in --follow mode makes a pass per interval until stopped, picking up new events and members file changes", async () => {
    await exchange(2);
    const stop = new AbortController();
    let passes = 0;
    const report = await world.run({
      followIntervalMs: 60_000,
      signal: stop.signal,
      sleep: async (ms) => {
        world.sleeps.push(ms);
        passes += 1;
        if (passes === 1) await exchange(3);
        if (passes === 2) await world.writeMembers([{ member: ada.urn, accessToken: ada.token }]);
        if (passes === 3) await fs.writeFile(world.config.membersFile, '{"members": ['); // mid-edit
        if (passes === 4) stop.abort();
      },
    });
    expect(world.sleeps).toEqual([60_000, 60_000, 60_000, 60_000]);
    expect(world.events).toContainEqual(
      expect.objectContaining({
        type: "notice",
        message: expect.stringContaining("keeping the previous list of 1 members"),
      }),
    );
    expect(report.outcomes.map((o) => o.member)).toEqual([ada.urn]); // the last pass read the new file
    expect(idsOf(await world.archivedEvents(ada))).toEqual(idsOf(await world.apiEvents(ada)));
    expect((await world.archivedEvents(bob)).length).toBe(5);
  });
});
