import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { demoSeed } from "../../src/sandbox/demo-seed.js";
import { insertTestToken } from "../helpers/factories.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";

/**
 * Issue 9 item 1, as a property: whatever is wrong with a seed — a duplicate, a dangling
 * reference, a bad shape, an oversized body — the reset fails and the export (the whole
 * world) and the clock are exactly what they were.
 */
type Seed = {
  applications: Array<Record<string, unknown>>;
  members: Array<Record<string, unknown>>;
  authorizations: Array<Record<string, unknown>>;
  messages: Array<Record<string, unknown>>;
};

function validSeed(apps: number, members: number, messages: number): Seed {
  const seed: Seed = { applications: [], members: [], authorizations: [], messages: [] };
  for (let a = 0; a < apps; a++) {
    seed.applications.push({ id: String(500001 + a), name: `App ${a}`, redirectUris: [] });
  }
  for (let m = 0; m < members; m++) {
    seed.members.push({ id: `m${m}`, firstName: "M", lastName: String(m) });
    seed.authorizations.push({ application: String(500001 + (m % apps)), member: `m${m}` });
  }
  for (let i = 0; i < messages; i++) {
    seed.messages.push({
      from: `urn:li:person:m${i % members}`,
      to: [`urn:li:person:m${(i + 1) % members}`],
      text: `hello ${i}`,
    });
  }
  return seed;
}

/** One defect, applied to a valid seed; `at` picks which entry it hits. */
const defects = [
  "duplicateMember",
  "duplicateApplication",
  "duplicateClientId",
  "duplicateSalesIdentity",
  "authorizationUnknownApplication",
  "authorizationUnknownMember",
  "messageFromUnknownMember",
  "replyInUnknownThread",
  "badMemberId",
  "missingName",
  "extraProperty",
  "textTooLong",
  "tooManyApplications",
  "bodyTooLarge",
] as const;
type Defect = (typeof defects)[number];

function spoil(seed: Seed, defect: Defect, at: number): unknown {
  const pick = <T>(list: T[]) => list[at % list.length]!;
  switch (defect) {
    case "duplicateMember":
      seed.members.push({ ...pick(seed.members) });
      break;
    case "duplicateApplication":
      seed.applications.push({ ...pick(seed.applications), name: "again" });
      break;
    case "duplicateClientId":
      seed.applications.push({ name: "Twin", redirectUris: [] });
      for (const app of seed.applications) app.clientId = "sameclientid";
      break;
    case "duplicateSalesIdentity":
      for (const m of seed.members) m.salesIdentityId = "777777";
      break;
    case "authorizationUnknownApplication":
      seed.authorizations.push({ application: "999999", member: pick(seed.members).id });
      break;
    case "authorizationUnknownMember":
      seed.authorizations.push({ application: pick(seed.applications).id, member: "ghost" });
      break;
    case "messageFromUnknownMember":
      seed.messages.splice(at % (seed.messages.length + 1), 0, {
        from: "urn:li:person:ghost",
        to: ["urn:li:person:m0"],
        text: "boo",
      });
      break;
    case "replyInUnknownThread":
      seed.messages.push({
        from: "urn:li:person:m0",
        thread: "urn:li:messagingThread:nope",
        text: "re",
      });
      break;
    case "badMemberId":
      pick(seed.members).id = "not a valid id!";
      break;
    case "missingName":
      delete pick(seed.applications).name;
      break;
    case "extraProperty":
      pick(seed.members).nickname = "x";
      break;
    case "textTooLong":
      seed.messages.push({
        from: "urn:li:person:m0",
        to: ["urn:li:person:m1"],
        text: "x".repeat(20_001),
      });
      break;
    case "tooManyApplications":
      for (let i = 0; i < 10_001; i++) seed.applications.push({ name: `a${i}`, redirectUris: [] });
      break;
    case "bodyTooLarge":
      seed.messages.push({
        from: "urn:li:person:m0",
        to: ["urn:li:person:m1"],
        text: "y".repeat(2_000_000),
      });
      break;
  }
  return { seed };
}

const invalidSeedArbitrary = fc.record({
  apps: fc.integer({ min: 1, max: 3 }),
  members: fc.integer({ min: 2, max: 5 }),
  messages: fc.integer({ min: 0, max: 6 }),
  defect: fc.constantFrom(...defects),
  at: fc.nat(20),
});

describe.each(storeTargets)("random invalid seeds on $name", (target) => {
  const h = useHarness(target, { seed: demoSeed });
  beforeAll(async () => {
    await h.app.inject({ method: "POST", url: "/sandbox/reset", headers: h.admin, payload: {} });
    await h.services.clock.freeze(true);
    await h.services.clock.advance(86_400_000);
    await insertTestToken(h.services, { applicationId: "100001", memberId: "ada-lovelace" });
  });

  it("never change the export or the clock", async () => {
    const exportWorld = async () =>
      (await h.app.inject({ method: "GET", url: "/sandbox/export", headers: h.admin })).body;
    const readClock = async () =>
      (await h.app.inject({ method: "GET", url: "/sandbox/clock", headers: h.admin })).body;
    const before = await exportWorld();
    const clockBefore = await readClock();
    const tried: Defect[] = [];
    await fc.assert(
      fc.asyncProperty(invalidSeedArbitrary, async (c) => {
        const payload = spoil(validSeed(c.apps, c.members, c.messages), c.defect, c.at);
        const res = await h.app.inject({
          method: "POST",
          url: "/sandbox/reset",
          headers: h.admin,
          payload: payload as object,
        });
        expect(res.statusCode, `${c.defect}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(res.statusCode).toBeLessThan(500);
        expect(await exportWorld()).toBe(before);
        expect(await readClock()).toBe(clockBefore);
        tried.push(c.defect);
      }),
      { numRuns: 40 },
    );
    console.info(`${target.name}: ${tried.length} invalid seeds tried, 0 changes`);
    expect(new Set(tried).size).toBeGreaterThan(5);
  });
});
