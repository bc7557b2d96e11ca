import fs from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { tokenFingerprint } from "../../src/archiver/capture-observations.js";
import { runArchiveCli } from "../../src/cli/archive.js";
import { personUrn } from "../../src/urn.js";
import { optIn, optOut, sendMessage } from "../helpers/compliance-client.js";
import { createTestMember, insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import {
  type ArchiverWorld,
  createArchiverWorld,
  EVENTS_PATH,
  faultyFetch,
  jsonResponse,
} from "./archiver-world.js";

const sqlite = storeTargets.filter((t) => t.name === "sqlite");
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
// Introspection states expires_at in whole seconds.
const isoSeconds = (t: number) => iso(Math.floor(t / 1000) * 1000);

describe.each(sqlite)("the capture window in a production package on $name", (target) => {
  let world: ArchiverWorld;
  const h = useHarness(target, { listen: true });
  afterEach(() => world.dispose());

  const produce = async (member: string, from: number, to: number) => {
    const out = path.join(world.config.archiveDir, "..", `package-${from}.zip`);
    let stderr = "";
    const io = {
      stdout: { write: () => {} },
      stderr: {
        write: (t: string) => {
          stderr += t;
        },
      },
    };
    const code = await runArchiveCli(
      [
        "produce",
        ...["--dir", world.config.archiveDir, "--member", member],
        ...["--from", iso(from), "--to", iso(to), "--out", out],
      ],
      io,
    );
    const zip = unzipSync(new Uint8Array(await fs.readFile(out)));
    const text = (name: string) => new TextDecoder().decode(zip[name]);
    return { code, stderr, text, json: (name: string) => JSON.parse(text(name)) };
  };

  it("lists opt-in, token expiry, re-consent and opt-out in order with the archiver's and the server's times", async () => {
    world = await createArchiverWorld(h);
    const clock = h.services.clock;
    const zoe = personUrn((await createTestMember(h.services, { firstName: "Zoë" })).id);
    const ada = await world.addMember({ optIn: false, lifetimeMs: 3 * DAY_MS });
    const t0 = clock.nowMs();
    await world.run(); // holds a token, not opted in yet

    await clock.advance(HOUR_MS);
    const optedInAt = clock.nowMs();
    expect((await optIn(h.app, ada.token)).statusCode).toBe(201);
    await sendMessage(h.app, { from: ada.urn, to: [zoe], text: "first" });
    await clock.advance(HOUR_MS);
    const t1 = clock.nowMs();
    await world.run();

    await clock.advance(3 * DAY_MS); // past the first token's lifetime
    const t2 = clock.nowMs();
    const expired = await world.run();
    expect(expired.outcomes[0]!.status).toBe("needs-reauthorization");

    await clock.advance(HOUR_MS);
    const second = await insertTestToken(h.services, {
      applicationId: world.application.id,
      memberId: ada.id,
    });
    const secondExpiresAt = clock.nowMs() + 365 * DAY_MS;
    await world.writeMembers([{ member: ada.urn, accessToken: second }]);
    await sendMessage(h.app, { from: ada.urn, to: [zoe], text: "second" });
    await clock.advance(HOUR_MS);
    const t3 = clock.nowMs();
    await world.run();

    await clock.advance(HOUR_MS);
    expect((await optOut(h.app, second, world.application.id, ada.id)).statusCode).toBe(204);
    await clock.advance(HOUR_MS);
    const t4 = clock.nowMs();
    await world.run();
    await world.run(); // nothing changed: nothing more is written

    const first = tokenFingerprint(ada.token);
    const next = tokenFingerprint(second);
    const pkg = await produce(ada.urn, t0 - 1000, t4 + 1000);
    expect(pkg.code).toBe(0);
    const window = pkg.json("audit/capture-window.json");
    expect(window.schema).toBe("regula.capture-window/1");
    expect(window.atPeriodStart).toEqual([]);
    expect(
      window.transitions.map((o: Record<string, unknown>) => {
        const { aspect: _, state: __, ...rest } = o;
        return rest;
      }),
    ).toEqual([
      { observedAt: iso(t0), event: "first-token", token: first },
      {
        observedAt: iso(t0),
        event: "token-active",
        token: first,
        expiresAt: isoSeconds(t0 + 3 * DAY_MS),
      },
      { observedAt: iso(t0), event: "not-opted-in" },
      { observedAt: iso(t0), event: "events-readable", token: first },
      { observedAt: iso(t1), event: "opted-in", regulatedAt: iso(optedInAt) },
      { observedAt: iso(t2), event: "token-expired", token: first, status: "expired" },
      { observedAt: iso(t3), event: "re-consent", token: next },
      {
        observedAt: iso(t3),
        event: "token-active",
        token: next,
        expiresAt: isoSeconds(secondExpiresAt),
      },
      { observedAt: iso(t3), event: "events-readable", token: next },
      { observedAt: iso(t4), event: "opted-out" },
    ]);
    expect(window.firstCaptured).not.toBeNull();
    const summary = pkg.text("summary.txt");
    expect(summary).toContain(`${iso(t1)}  opted-in (regulatedAt ${iso(optedInAt)})`);
    expect(summary).toContain(`${iso(t4)}  opted-out`);
    expect(summary).toMatch(/Chain verification: ok from genesis to record 2; period: records 1 /);
    // The token itself is never written, only its fingerprint.
    const raw = await fs.readFile(path.join(world.memberDir(ada), "capture-window.ndjson"), "utf8");
    expect(raw).not.toContain(ada.token);
    expect(raw).not.toContain(second);

    // A later period starts from the last state observed before it.
    const later = (await produce(ada.urn, t3 - 1, t4 + 1000)).json("audit/capture-window.json");
    expect(later.atPeriodStart.map((o: { event: string }) => o.event)).toEqual([
      "first-token",
      "events-readable",
      "opted-in",
      "token-expired",
    ]);
    expect(later.transitions.map((o: { event: string }) => o.event)).toEqual([
      "re-consent",
      "token-active",
      "events-readable",
      "opted-out",
    ]);
  });

  it("records a 401 from the Events API, and the token accepted again", async () => {
    world = await createArchiverWorld(h);
    const ada = await world.addMember();
    const rejected = faultyFetch([
      {
        path: EVENTS_PATH,
        times: 1,
        respond: () => jsonResponse(401, { status: 401, code: "REVOKED_ACCESS_TOKEN" }),
      },
    ]);
    expect((await world.run({ fetch: rejected })).outcomes[0]!.status).toBe(
      "needs-reauthorization",
    );
    const t1 = h.services.clock.nowMs();
    await h.services.clock.advance(HOUR_MS);
    await world.run();
    const raw = await fs.readFile(path.join(world.memberDir(ada), "capture-window.ndjson"), "utf8");
    const events = raw
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((o) => o.aspect === "events-api");
    expect(events).toEqual([
      {
        observedAt: iso(t1),
        aspect: "events-api",
        state: "rejected",
        status: "REVOKED_ACCESS_TOKEN",
        token: tokenFingerprint(ada.token),
      },
      {
        observedAt: iso(t1 + HOUR_MS),
        aspect: "events-api",
        state: "accepted",
        token: tokenFingerprint(ada.token),
      },
    ]);
  });

  it("keeps archiving past a damaged observation line, and the package names the line", async () => {
    world = await createArchiverWorld(h);
    const zoe = personUrn((await createTestMember(h.services)).id);
    const ada = await world.addMember();
    const start = h.services.clock.nowMs();
    await sendMessage(h.app, { from: ada.urn, to: [zoe], text: "hello" });
    await world.run();
    const file = path.join(world.memberDir(ada), "capture-window.ndjson");
    await fs.appendFile(file, "not an observation\n");
    await h.services.clock.advance(HOUR_MS);
    const second = await insertTestToken(h.services, {
      applicationId: world.application.id,
      memberId: ada.id,
    });
    await world.writeMembers([{ member: ada.urn, accessToken: second }]);
    expect((await world.run()).outcomes[0]!.status).toBe("archived");
    const pkg = await produce(ada.urn, start - 1000, start + DAY_MS);
    const window = pkg.json("audit/capture-window.json");
    expect(window.unreadableLines).toEqual([5]);
    expect(window.transitions.map((o: { event: string }) => o.event)).toContain("re-consent");
    expect(pkg.text("summary.txt")).toContain(
      "damaged lines of capture-window.ndjson, left out: 5",
    );
  });

  it("says the period's chain is broken, and where, when an archived line was altered", async () => {
    world = await createArchiverWorld(h);
    const zoe = personUrn((await createTestMember(h.services)).id);
    const ada = await world.addMember();
    const start = h.services.clock.nowMs();
    for (const text of ["one", "two", "three"]) {
      await sendMessage(h.app, { from: ada.urn, to: [zoe], text });
      await h.services.clock.advance(1000);
    }
    await world.run();
    const dir = world.memberDir(ada);
    const [dayFile] = (await fs.readdir(dir)).filter((f) => /^\d{4}-\d\d-\d\d\.jsonl$/.test(f));
    const file = path.join(dir, dayFile!);
    const lines = (await fs.readFile(file, "utf8")).split("\n");
    expect(lines[1]).toContain('"two"');
    lines[1] = lines[1]!.replace('"two"', '"TWO"');
    await fs.writeFile(file, lines.join("\n"));

    const pkg = await produce(ada.urn, start - 1000, start + DAY_MS);
    expect(pkg.code).toBe(1);
    expect(pkg.stderr).toContain("does not verify");
    const v = pkg.json("audit/chain-verification.json");
    expect(v.result).toBe("broken");
    expect(v.firstBrokenLink).toEqual({
      file: dayFile,
      line: 2,
      problem: expect.stringContaining("hash does not match"),
    });
    expect(v.linksVerified).toBe(1);
    expect(v.periodRecords).toMatchObject({
      linksVerified: 1,
      first: { seq: 1 },
      last: { seq: 1 },
    });
    expect(pkg.text("summary.txt")).toContain(`Chain verification: BROKEN at ${dayFile}:2`);
  });
});
