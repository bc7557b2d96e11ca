import { type Kysely, sql } from "kysely";
import { compareIds } from "../../domain/compare-ids.js";
import type { DialectName } from "../dialects.js";
import type { Database } from "../schema.js";
import type {
  EventRecord,
  HistoryRecords,
  MessageRecord,
  ThreadRecord,
  WatermarkRecord,
  WorldCounters,
} from "../world-records.js";
import { loadSiblings } from "./event-pages.js";
import {
  expandActivity,
  expandProcessedActivity,
  toMessageTemplates,
} from "./message-templates.js";
import { createReader } from "./reader.js";

/** Rows per page when streaming history out, and per multi-row INSERT when writing it back. */
export const HISTORY_PAGE = 500;

/** Threads with their participants, in id order, one page at a time. */
export async function* readThreads(db: Kysely<Database>): AsyncGenerator<ThreadRecord[]> {
  let after: string | null = null;
  for (;;) {
    let query = db.selectFrom("threads").selectAll().orderBy("id").limit(HISTORY_PAGE);
    if (after !== null) query = query.where("id", ">", after);
    const rows = await query.execute();
    if (rows.length === 0) return;
    const participants = await db
      .selectFrom("thread_participants")
      .selectAll()
      .where(
        "thread_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    const byThread = new Map<string, ThreadRecord["participants"]>();
    for (const p of participants) {
      const list = byThread.get(p.thread_id) ?? [];
      list.push({ memberId: p.member_id, identity: p.identity, joinedAt: Number(p.joined_at) });
      byThread.set(p.thread_id, list);
    }
    yield rows.map((r) => ({
      id: r.id,
      creatorMemberId: r.creator_member_id,
      creatorIdentity: r.creator_identity,
      subject: r.subject,
      createdAt: Number(r.created_at),
      lastMessageAt: Number(r.last_message_at),
      participants: (byThread.get(r.id) ?? []).sort(
        (a, b) => a.joinedAt - b.joinedAt || compareIds(a.memberId, b.memberId),
      ),
    }));
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Messages in commit (seq) order, one page at a time, with their documents expanded and
 * their siblingActivities read as an event page serves them.
 */
export async function* readMessages(
  db: Kysely<Database>,
  dialect: DialectName,
): AsyncGenerator<MessageRecord[]> {
  const read = createReader(db, {});
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom("messages")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(HISTORY_PAGE)
      .execute();
    if (rows.length === 0) return;
    const siblings = await read((readRows) => loadSiblings(readRows, dialect, rows));
    yield rows.map((r, i) => {
      const textJson = JSON.stringify(r.body_text);
      const activityJson = expandActivity(textJson, r.activity_json);
      return {
        id: r.id,
        seq: Number(r.seq),
        threadId: r.thread_id,
        senderMemberId: r.sender_member_id,
        authorIdentity: r.author_identity,
        mailbox: r.mailbox,
        kind: r.kind,
        subject: r.subject,
        text: r.body_text,
        attachments: JSON.parse(r.attachments) as unknown[],
        activityId: r.activity_id,
        createdAt: Number(r.created_at),
        deliveredAt: Number(r.delivered_at),
        activity: JSON.parse(activityJson) as unknown,
        processedActivity: JSON.parse(
          expandProcessedActivity(textJson, activityJson, r.processed_activity_json),
        ) as unknown,
        siblingActivities: JSON.parse(siblings[i]!) as unknown[],
      };
    });
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** Events in id order, one page at a time. */
export async function* readEvents(db: Kysely<Database>): AsyncGenerator<EventRecord[]> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom("compliance_events")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(HISTORY_PAGE * 4)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: Number(r.id),
      applicationId: String(r.application_id),
      ownerMemberId: r.owner_member_id,
      messageId: r.message_id,
      actor: r.actor,
      activityStatus: r.activity_status,
      capturedAt: Number(r.captured_at),
      processedAt: Number(r.processed_at),
    }));
    after = Number(rows[rows.length - 1]!.id);
  }
}

export async function readWatermarks(db: Kysely<Database>): Promise<WatermarkRecord[]> {
  const rows = await db.selectFrom("member_watermarks").selectAll().orderBy("member_id").execute();
  return rows.map((r) => ({ memberId: r.member_id, lastProcessedAt: Number(r.last_processed_at) }));
}

/** Writes history rows verbatim (no capture), parents before children, in multi-row INSERTs. */
export async function insertHistory(
  db: Kysely<Database>,
  history: Partial<HistoryRecords>,
): Promise<void> {
  const threads = history.threads ?? [];
  for (const rows of chunks(threads)) {
    await db
      .insertInto("threads")
      .values(
        rows.map((t) => ({
          id: t.id,
          creator_member_id: t.creatorMemberId,
          creator_identity: t.creatorIdentity,
          subject: t.subject,
          created_at: t.createdAt,
          last_message_at: t.lastMessageAt,
        })),
      )
      .execute();
  }
  const participants = threads.flatMap((t) =>
    t.participants.map((p) => ({
      thread_id: t.id,
      member_id: p.memberId,
      identity: p.identity,
      joined_at: p.joinedAt,
    })),
  );
  for (const rows of chunks(participants))
    await db.insertInto("thread_participants").values(rows).execute();
  for (const rows of chunks(history.messages ?? [])) {
    await db
      .insertInto("messages")
      .values(
        rows.map((m) => {
          const templates = toMessageTemplates(
            m.text,
            JSON.stringify(m.activity),
            JSON.stringify(m.processedActivity),
          );
          return {
            id: m.id,
            seq: m.seq,
            thread_id: m.threadId,
            sender_member_id: m.senderMemberId,
            author_identity: m.authorIdentity,
            mailbox: m.mailbox,
            kind: m.kind,
            subject: m.subject,
            body_text: m.text,
            attachments: JSON.stringify(m.attachments),
            activity_id: m.activityId,
            created_at: m.createdAt,
            delivered_at: m.deliveredAt,
            activity_json: templates.activityTemplate,
            processed_activity_json: templates.processedActivityTemplate,
          };
        }),
      )
      .execute();
  }
  for (const rows of chunks(history.events ?? [])) {
    await db
      .insertInto("compliance_events")
      .values(
        rows.map((e) => ({
          id: e.id,
          application_id: Number(e.applicationId),
          owner_member_id: e.ownerMemberId,
          message_id: e.messageId,
          actor: e.actor,
          activity_status: e.activityStatus,
          captured_at: e.capturedAt,
          processed_at: e.processedAt,
        })),
      )
      .execute();
  }
  for (const rows of chunks(history.watermarks ?? [])) {
    await db
      .insertInto("member_watermarks")
      .values(rows.map((w) => ({ member_id: w.memberId, last_processed_at: w.lastProcessedAt })))
      .execute();
  }
}

const counterRows = {
  applications: "applications",
  salesIdentities: "sales_identities",
  messageSeq: "message_seq",
  eventIds: "event_ids",
} as const satisfies Record<keyof WorldCounters, string>;

/** The next value of every id counter that has started. */
export async function readCounters(
  db: Kysely<Database>,
  dialect: DialectName,
): Promise<WorldCounters> {
  const rows = await db.selectFrom("id_counters").selectAll().execute();
  const byName = new Map(rows.map((r) => [r.name, Number(r.next_value)]));
  const counters: WorldCounters = {};
  for (const [key, name] of Object.entries(counterRows) as Array<[keyof WorldCounters, string]>) {
    const value = byName.get(name);
    if (value !== undefined) counters[key] = value;
  }
  if (dialect === "postgres") {
    for (const key of ["messageSeq", "eventIds"] as const) {
      const result = await sql<{
        last_value: string | number;
        is_called: boolean;
      }>`select last_value, is_called from ${sql.table(counterRows[key])}`.execute(db);
      const row = result.rows[0]!;
      const next = Number(row.last_value) + (row.is_called ? 1 : 0);
      // A sequence that never handed out an id reads as "not started", as on SQLite.
      if (next > 1) counters[key] = next;
      else delete counters[key];
    }
  }
  return counters;
}

/** Sets the id counters named; the others are left as they are. */
export async function writeCounters(
  db: Kysely<Database>,
  dialect: DialectName,
  counters: WorldCounters,
): Promise<void> {
  for (const [key, value] of Object.entries(counters) as Array<[keyof WorldCounters, number]>) {
    const name = counterRows[key];
    if (dialect === "postgres" && (key === "messageSeq" || key === "eventIds")) {
      // Not transactional: the world transaction puts it back by hand if it fails.
      await sql`select setval(${name}, ${value}, false)`.execute(db);
      continue;
    }
    await db
      .insertInto("id_counters")
      .values({ name, next_value: value })
      .onConflict((oc) => oc.column("name").doUpdateSet({ next_value: value }))
      .execute();
  }
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += HISTORY_PAGE) out.push(rows.slice(i, i + HISTORY_PAGE));
  return out;
}
