import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ArchiverEvent, runArchiver } from "../../src/archiver/run-archiver.js";
import { createTempDir } from "../helpers/store-targets.js";

/** A loopback port that was free a moment ago: nothing listens there, connections are refused. */
async function deadUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe("the archiver against a server that is down", () => {
  let temp: { dir: string; remove(): void };
  beforeEach(() => {
    temp = createTempDir("regula-archiver-dead-");
  });
  afterEach(() => temp.remove());

  it("names the URL, and retries once per pass, not once per member", async () => {
    const membersFile = path.join(temp.dir, "members.json");
    const members = ["a", "b", "c"].map((id) => ({
      member: `urn:li:person:${id}`,
      accessToken: `token-${id}`,
    }));
    fs.writeFileSync(membersFile, JSON.stringify({ members }));
    const dead = await deadUrl();
    const events: ArchiverEvent[] = [];
    const requests: string[] = [];
    const report = await runArchiver(
      {
        baseUrl: dead,
        clientId: "c",
        clientSecret: "s",
        membersFile,
        archiveDir: path.join(temp.dir, "archive"),
        pageSize: 50,
        expiryWarningDays: 30,
      },
      {
        fetch: (url, init) => {
          requests.push(url);
          return fetch(url, init);
        },
        sleep: async () => {},
        random: () => 0.5,
        nowMs: Date.now,
        onEvent: (event) => events.push(event),
      },
    );
    expect(report.outcomes.map((o) => o.status)).toEqual(["failed", "failed", "failed"]);
    const first = report.outcomes[0]?.detail ?? "";
    expect(first.startsWith(`no answer from ${dead} after 6 attempts (last: `)).toBe(true);
    expect(first).toContain("ECONNREFUSED");
    expect(report.outcomes[1]?.detail).toBe(`not tried: ${first}`);
    expect(report.outcomes[2]?.detail).toBe(`not tried: ${first}`);
    expect(requests).toHaveLength(6);
    const retried = new Set(events.flatMap((e) => (e.type === "retry" ? [e.member] : [])));
    expect([...retried]).toEqual(["urn:li:person:a"]);
  });
});
