import Database from "better-sqlite3";
import { openDatabase, type StoreLocation } from "../../src/store/dialects.js";
import { type AckedMessage, ALWAYS_REGULATED } from "./soak-load.js";

export interface SoakFindings {
  /** Acknowledged messages missing, or stored without exactly the events their 201 named. */
  lost: string[];
  /** Events whose message is gone, or captured outside every authorization interval of their stream. */
  unexpected: string[];
  /** Stored messages lacking the event of an always-regulated participant (half-written). */
  partial: string[];
  storedMessages: number;
  storedEvents: number;
}

/** Reads the whole store once (the server is down) and checks every acknowledged message. */
export async function verifyStore(
  location: StoreLocation,
  acked: readonly AckedMessage[],
): Promise<SoakFindings> {
  const { db, destroy } = await openDatabase(location);
  try {
    const messages = await db.selectFrom("messages").select(["id", "thread_id"]).execute();
    const participants = await db
      .selectFrom("thread_participants")
      .select(["thread_id", "member_id"])
      .execute();
    const events = await db
      .selectFrom("compliance_events")
      .select(["id", "message_id", "owner_member_id", "application_id", "processed_at"])
      .execute();
    const intervals = await db.selectFrom("compliance_authorizations").selectAll().execute();

    const eventsOf = new Map<string, Set<string>>();
    for (const e of events) {
      const key = `urn:li:person:${e.owner_member_id}|${e.application_id}`;
      const set = eventsOf.get(e.message_id) ?? new Set<string>();
      set.add(key);
      eventsOf.set(e.message_id, set);
    }
    const stored = new Set(messages.map((m) => m.id));
    const lost = acked
      .filter((m) => {
        if (!stored.has(m.id)) return true;
        const got = eventsOf.get(m.id) ?? new Set<string>();
        return got.size !== m.capturedFor.length || !m.capturedFor.every((c) => got.has(c));
      })
      .map((m) => m.id);

    const intervalsOf = new Map<string, Array<{ from: number; to: number | null }>>();
    for (const i of intervals) {
      const key = `${i.member_id}|${i.application_id}`;
      const list = intervalsOf.get(key) ?? [];
      list.push({
        from: Number(i.regulated_at),
        to: i.opted_out_at === null ? null : Number(i.opted_out_at),
      });
      intervalsOf.set(key, list);
    }
    const unexpected = events
      .filter((e) => {
        if (!stored.has(e.message_id)) return true;
        const at = Number(e.processed_at);
        // Inclusive at both ends: an opt-out and a capture may share a millisecond.
        return !(intervalsOf.get(`${e.owner_member_id}|${e.application_id}`) ?? []).some(
          (i) => i.from <= at && (i.to === null || at <= i.to),
        );
      })
      .map((e) => `event ${e.id} of ${e.message_id}`);

    const membersOf = new Map<string, string[]>();
    for (const p of participants)
      membersOf.set(p.thread_id, [...(membersOf.get(p.thread_id) ?? []), p.member_id]);
    const partial = messages
      .filter((m) =>
        ALWAYS_REGULATED.some(
          ([application, member]) =>
            (membersOf.get(m.thread_id) ?? []).includes(member) &&
            !eventsOf.get(m.id)?.has(`urn:li:person:${member}|${application}`),
        ),
      )
      .map((m) => m.id);

    return {
      lost,
      unexpected,
      partial,
      storedMessages: messages.length,
      storedEvents: events.length,
    };
  } finally {
    await destroy();
  }
}

/** `PRAGMA integrity_check` on the SQLite file a killed server left behind. */
export function sqliteIntegrity(file: string): string {
  const db = new Database(file);
  try {
    const rows = db.pragma("integrity_check") as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}
