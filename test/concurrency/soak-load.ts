import type { ServerProcess } from "./server-process.js";
import { MEMBERS, randomSource } from "./workload.js";

/** The (application, member) pairs the soak opts in and out while it writes. */
export const TOGGLED: ReadonlyArray<readonly [string, string]> = [
  ["610001", "pm1"],
  ["610001", "pm3"],
  ["610002", "pm2"],
  ["610002", "pm4"],
];
/** Pairs regulated by the seed and never touched: every message of theirs must have an event. */
export const ALWAYS_REGULATED: ReadonlyArray<readonly [string, string]> = [
  ["610001", "pm0"],
  ["610001", "pm2"],
  ["610002", "pm0"],
];

export interface AckedMessage {
  id: string;
  /** `owner|application` of every event the server said it captured. */
  capturedFor: string[];
}

const BATCH = 20;

/** Sends batches of new-thread messages until stopped or the server dies; returns the acknowledged ones. */
export async function writeBatches(
  server: ServerProcess,
  adminKey: string,
  seedValue: number,
  stop: { now: boolean },
): Promise<AckedMessage[]> {
  const random = randomSource(seedValue);
  const acked: AckedMessage[] = [];
  while (!stop.now) {
    const messages = Array.from({ length: BATCH }, (_, i) => {
      const from = MEMBERS[random(MEMBERS.length)]!;
      const others = MEMBERS.filter((m) => m !== from);
      const to = [others[random(others.length)]!];
      if (random(2) === 0) to.push(others[random(others.length)]!);
      return {
        from: `urn:li:person:${from}`,
        to: [...new Set(to)].map((m) => `urn:li:person:${m}`),
        text: `soak ${seedValue} ${i}`,
      };
    });
    try {
      const res = await fetch(`${server.baseUrl}/sandbox/messages:batch`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ messages }),
      });
      if (res.status !== 201) throw new Error(`batch: ${res.status} ${await res.text()}`);
      const { results } = (await res.json()) as {
        results: Array<{ id: string; capturedFor: Array<{ owner: string; application: string }> }>;
      };
      for (const r of results)
        acked.push({
          id: r.id,
          capturedFor: r.capturedFor.map((c) => `${c.owner}|${c.application}`),
        });
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("batch:")) throw error;
      return acked; // the server died under us: the batch may or may not be stored
    }
  }
  return acked;
}

/** Opts the toggled pairs in and out until stopped or the server dies; returns how many changes were acknowledged. */
export async function toggleConsent(
  server: ServerProcess,
  adminKey: string,
  seedValue: number,
  stop: { now: boolean },
): Promise<number> {
  const random = randomSource(seedValue);
  const headers = { authorization: `Bearer ${adminKey}`, "content-type": "application/json" };
  let changes = 0;
  while (!stop.now) {
    const [application, member] = TOGGLED[random(TOGGLED.length)]!;
    try {
      const res =
        random(2) === 0
          ? await fetch(`${server.baseUrl}/sandbox/authorizations`, {
              method: "POST",
              headers,
              body: JSON.stringify({ application, member }),
            })
          : await fetch(`${server.baseUrl}/sandbox/authorizations/${application}/${member}`, {
              method: "DELETE",
              headers: { authorization: headers.authorization },
            });
      // 404: an opt-out of a member not regulated now, which changes nothing.
      if (![200, 201, 204, 404].includes(res.status))
        throw new Error(`consent: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      if (res.status !== 404) changes += 1;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("consent:")) throw error;
      return changes;
    }
  }
  return changes;
}
