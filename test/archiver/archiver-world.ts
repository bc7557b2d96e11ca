import fs from "node:fs/promises";
import path from "node:path";
import type { ArchiverConfig } from "../../src/archiver/archiver-config.js";
import type { ComplianceEvent } from "../../src/archiver/compliance-event.js";
import type { FetchLike } from "../../src/archiver/http-transport.js";
import {
  type ArchiverDeps,
  type ArchiverEvent,
  type PassReport,
  runArchiver,
} from "../../src/archiver/run-archiver.js";
import type { Application } from "../../src/domain/records.js";
import { personUrn } from "../../src/urn.js";
import {
  readAllEvents,
  regulate,
  resetFrozenWorld,
  type WireEvent,
} from "../helpers/compliance-client.js";
import { createTestApplication, createTestMember, insertTestToken } from "../helpers/factories.js";
import type { Harness } from "../helpers/harness.js";
import { createTempDir } from "../helpers/store-targets.js";

/**
 * A listening server, one application, and an archiver configured against it in a temp
 * directory: the setting of every archiver test. The archiver talks HTTP to the server; the
 * test sets the world up through the harness, as a sandbox user would.
 */
export interface ArchiverWorld {
  application: Application;
  config: ArchiverConfig;
  /** Delays the archiver asked to sleep, in order: tests never really wait. */
  sleeps: number[];
  events: ArchiverEvent[];
  addMember(options?: { optIn?: boolean; lifetimeMs?: number }): Promise<TestMember>;
  /** Writes the members file the archiver reads. */
  writeMembers(members: Array<{ member: string; accessToken: string }>): Promise<void>;
  run(options?: Partial<ArchiverDeps> & { followIntervalMs?: number }): Promise<PassReport>;
  /** What the API holds for the member right now, read over inject with start/count. */
  apiEvents(member: TestMember): Promise<WireEvent[]>;
  /** Every event in the member's archive, in file and line order. */
  archivedEvents(member: TestMember): Promise<ComplianceEvent[]>;
  memberDir(member: TestMember): string;
  dispose(): void;
}

export interface TestMember {
  id: string;
  urn: string;
  token: string;
}

export async function createArchiverWorld(
  h: Harness & { baseUrl: string },
  options: { pageSize?: number } = {},
): Promise<ArchiverWorld> {
  await resetFrozenWorld(h.services);
  const { application, clientSecret } = await createTestApplication(h.services);
  const temp = createTempDir("regula-archiver-");
  const config: ArchiverConfig = {
    baseUrl: h.baseUrl,
    clientId: application.clientId,
    clientSecret,
    membersFile: path.join(temp.dir, "members.json"),
    archiveDir: path.join(temp.dir, "archive"),
    pageSize: options.pageSize ?? 50,
    expiryWarningDays: 30,
  };
  const sleeps: number[] = [];
  const events: ArchiverEvent[] = [];
  const members: TestMember[] = [];
  const writeMembers = (list: Array<{ member: string; accessToken: string }>) =>
    fs.writeFile(config.membersFile, JSON.stringify({ members: list }));

  return {
    application,
    config,
    sleeps,
    events,
    async addMember(memberOptions = {}) {
      const member = await createTestMember(h.services);
      const lifetime = memberOptions.lifetimeMs ? { lifetimeMs: memberOptions.lifetimeMs } : {};
      const token =
        memberOptions.optIn === false
          ? await insertTestToken(h.services, {
              applicationId: application.id,
              memberId: member.id,
              ...lifetime,
            })
          : await regulate(h, application.id, member.id, memberOptions.lifetimeMs);
      const added = { id: member.id, urn: personUrn(member.id), token };
      members.push(added);
      await writeMembers(members.map((m) => ({ member: m.urn, accessToken: m.token })));
      return added;
    },
    writeMembers,
    run(runOptions = {}) {
      const { followIntervalMs, ...deps } = runOptions;
      return runArchiver(
        config,
        {
          fetch: (url, init) => fetch(url, init),
          sleep: async (ms) => {
            sleeps.push(ms);
          },
          random: () => 0.5,
          nowMs: () => h.services.clock.nowMs(),
          onEvent: (event) => events.push(event),
          ...deps,
        },
        followIntervalMs ?? null,
      );
    },
    apiEvents: (member) => readAllEvents(h.app, member.token),
    async archivedEvents(member) {
      const dir = path.join(config.archiveDir, encodeURIComponent(member.id));
      const files = (await fs.readdir(dir).catch(() => []))
        .filter((f) => f.endsWith(".jsonl"))
        .sort();
      const out: ComplianceEvent[] = [];
      for (const file of files) {
        const text = await fs.readFile(path.join(dir, file), "utf8");
        for (const line of text.split("\n").filter(Boolean)) out.push(JSON.parse(line).event);
      }
      return out;
    },
    memberDir: (member) => path.join(config.archiveDir, encodeURIComponent(member.id)),
    dispose: temp.remove,
  };
}

/**
 * A fetch that answers from `rules` while they last, and passes everything else to the real
 * server: failures injected in front of a live API. A rule's `respond` returns a Response,
 * or throws to simulate a network error.
 */
export function faultyFetch(
  rules: Array<{ path: string; times: number; respond: () => Response }>,
  calls: string[] = [],
): FetchLike {
  return async (url, init) => {
    const { pathname, search } = new URL(url);
    calls.push(`${init.method ?? "GET"} ${pathname}${search}`);
    const rule = rules.find((r) => r.times > 0 && pathname === r.path);
    if (rule) {
      rule.times -= 1;
      return rule.respond();
    }
    return fetch(url, init);
  };
}

export const EVENTS_PATH = "/rest/complianceEvents";
export const INTROSPECT_PATH = "/oauth/v2/introspectToken";

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Events as compared in tests: ids in order. */
export const idsOf = (events: ReadonlyArray<{ id: number }>) => events.map((e) => e.id);
