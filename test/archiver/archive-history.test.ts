import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyArchive } from "../../src/archiver/verify-archive.js";
import { optIn, optOut, sendBatch, sendMessage } from "../helpers/compliance-client.js";
import { useHarness } from "../helpers/harness.js";
import { storeTargets } from "../helpers/store-targets.js";
import {
  type ArchiverWorld,
  createArchiverWorld,
  faultyFetch,
  idsOf,
  type TestMember,
} from "./archiver-world.js";

const DAY_MS = 86_400_000;

describe.each(storeTargets)(
  "archive run over a history of opt-ins and opt-outs on $name",
  (target) => {
    let world: ArchiverWorld;

    const h = useHarness(target, { listen: true });
    beforeEach(async () => {
      world = await createArchiverWorld(h, { pageSize: 3 });
    });
    afterEach(() => world.dispose());

    /** Messages whose capture response says they produced an event for `member`. */
    const capturedMessages = new Map<string, string[]>();
    const remember = (sent: { id: string; capturedFor: Array<{ owner: string }> }) => {
      for (const { owner } of sent.capturedFor) {
        capturedMessages.set(owner, [...(capturedMessages.get(owner) ?? []), sent.id]);
      }
    };
    const send = async (from: TestMember, to: TestMember[], text: string) =>
      remember(await sendMessage(h.app, { from: from.urn, to: to.map((m) => m.urn), text }));

    it("ends with each member's archive holding exactly the events the API holds, once each, in order", async () => {
      capturedMessages.clear();
      const ada = await world.addMember();
      const bob = await world.addMember();
      const cy = await world.addMember({ optIn: false }); // a token, but never opted in

      await send(ada, [bob], "day one, both regulated");
      await send(bob, [ada, cy], "reply to both");
      // Seven events in one transaction share one processedAt: more than a page of 3.
      const batch = Array.from({ length: 7 }, (_, i) => ({
        from: ada.urn,
        to: [bob.urn],
        text: `batch ${i}`,
      }));
      const batchRes = await sendBatch(h.app, batch);
      expect(batchRes.statusCode).toBe(201);
      for (const sent of batchRes.json().results) remember(sent);
      const calls: string[] = [];
      const firstPass = await world.run({ fetch: faultyFetch([], calls) });
      expect(firstPass.outcomes.map((o) => o.status)).toEqual(["archived", "archived", "archived"]);
      // The batch filled a whole page at the cursor's millisecond: only then does `start` move.
      expect(calls.some((c) => /[?&]start=3(&|$)/.test(c))).toBe(true);

      await h.services.clock.advance(DAY_MS);
      expect((await optOut(h.app, bob.token, world.application.id, bob.id)).statusCode).toBe(204);
      await send(ada, [bob], "bob opted out: only ada's copy is captured");
      await h.services.clock.advance(DAY_MS + 5);
      expect((await optIn(h.app, bob.token)).statusCode).toBe(201);
      await send(bob, [ada], "bob is back");
      await h.services.clock.advance(1);
      await send(ada, [bob, cy], "last words");
      await world.run();
      await world.run(); // an idle pass changes nothing

      for (const member of [ada, bob, cy]) {
        const archived = await world.archivedEvents(member);
        const fromApi = await world.apiEvents(member);
        expect(archived).toEqual(fromApi); // the whole event, field for field
        expect(new Set(idsOf(archived)).size).toBe(archived.length);
        expect(archived.map((e) => e.resourceId)).toEqual(capturedMessages.get(member.urn) ?? []);
      }
      expect(capturedMessages.get(bob.urn)).toHaveLength(1 + 1 + 7 + 1 + 1);
      expect(capturedMessages.get(ada.urn)).toHaveLength(2 + 7 + 3);
      expect(capturedMessages.has(cy.urn)).toBe(false);

      const verified = await verifyArchive(world.config.archiveDir);
      expect(verified.ok).toBe(true);
      expect(verified.members.find((m) => m.member === ada.urn)).toMatchObject({
        records: 12,
        files: 3,
      });
    });
  },
);
