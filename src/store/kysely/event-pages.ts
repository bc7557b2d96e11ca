import { SIBLING_LIMIT } from "../../domain/events/sibling-activities.js";
import type { DialectName } from "../dialects.js";
import type { EventRow } from "../messaging-store.js";
import { expandActivity, expandProcessedActivity } from "./message-templates.js";
import type { Reader, ReadRows } from "./reader.js";

export interface EventPageQuery {
  applicationId: string;
  ownerMemberId: string;
  fromMs: number;
  toMs: number | null;
  /** Oldest first from `offset`, or the newest `limit` (returned newest first). */
  order: "oldest-first" | "newest-first";
  offset: number;
  limit: number;
}

interface PageRow {
  id: number | string;
  application_id: number | string;
  owner_member_id: string;
  actor: string;
  message_id: string;
  activity_status: string;
  captured_at: number | string;
  processed_at: number | string;
  activity_id: string;
  thread_id: string;
  seq: number | string;
  body_text: string;
  activity_json: string;
  processed_activity_json: string;
  /** PostgreSQL only: the siblings' texts and activity templates, newest first. */
  sibling_texts?: string[] | null;
  sibling_activities?: string[] | null;
}

interface SiblingRow {
  body_text: string;
  activity_json: string;
}

const PAGE_COLUMNS = `e.id, e.application_id, e.owner_member_id, e.actor, e.message_id,
  e.activity_status, e.captured_at, e.processed_at, m.activity_id, m.thread_id, m.seq,
  m.body_text, m.activity_json, m.processed_activity_json`;

/**
 * One page of a member's events with each event's message documents and siblingActivities
 * (events.md): the activities of the thread's previous SIBLING_LIMIT messages by seq, newest
 * first. Siblings are not stored per message; they are read here, through the
 * (thread_id, seq) index. SQLite: the page, then one cached statement per message.
 * PostgreSQL: one round trip, the siblings gathered by a LATERAL subquery as JSON arrays
 * (pg parses json with JSON.parse; a text[] of JSON documents, all quotes escaped, took
 * three times as long to parse).
 */
export function findEventPage(
  read: Reader,
  dialect: DialectName,
  query: EventPageQuery,
): Promise<EventRow[]> {
  return read((rows) =>
    dialect === "postgres" ? postgresPage(rows, query) : sqlitePage(rows, query),
  );
}

function pageFilter(query: EventPageQuery, placeholder: (n: number) => string) {
  const params: unknown[] = [Number(query.applicationId), query.ownerMemberId, query.fromMs];
  let where = `e.application_id = ${placeholder(1)} AND e.owner_member_id = ${placeholder(2)}
    AND e.processed_at >= ${placeholder(3)}`;
  if (query.toMs !== null) {
    params.push(query.toMs);
    where += ` AND e.processed_at < ${placeholder(params.length)}`;
  }
  const direction = query.order === "oldest-first" ? "" : " DESC";
  params.push(query.limit, query.offset);
  const tail = `ORDER BY e.processed_at${direction}, e.id${direction}
    LIMIT ${placeholder(params.length - 1)} OFFSET ${placeholder(params.length)}`;
  return { where, tail, params, direction };
}

async function sqlitePage(rows: ReadRows, query: EventPageQuery): Promise<EventRow[]> {
  const { where, tail, params } = pageFilter(query, () => "?");
  const page = (await rows(
    `SELECT ${PAGE_COLUMNS} FROM compliance_events e JOIN messages m ON m.id = e.message_id
     WHERE ${where} ${tail}`,
    params,
  )) as PageRow[];
  const siblings = await loadSiblings(rows, "sqlite", page);
  return page.map((row, i) => toEventRow(row, siblings[i]!.texts, siblings[i]!.templates));
}

export interface SiblingRef {
  thread_id: string;
  seq: number | string;
}

/**
 * The texts and activity templates of each message's siblings (the thread's previous
 * SIBLING_LIMIT messages by seq, newest first). SQLite: one short index range per message
 * (a cached statement); PostgreSQL: one statement for all of them.
 */
export async function loadSiblings(
  rows: ReadRows,
  dialect: DialectName,
  refs: readonly SiblingRef[],
): Promise<Array<{ texts: string[]; templates: string[] }>> {
  if (dialect === "sqlite") {
    const out = [];
    for (const ref of refs) {
      const found = (await rows(
        `SELECT body_text, activity_json FROM messages
         WHERE thread_id = ? AND seq < ? ORDER BY seq DESC LIMIT ${SIBLING_LIMIT}`,
        [ref.thread_id, Number(ref.seq)],
      )) as SiblingRow[];
      out.push({
        texts: found.map((s) => s.body_text),
        templates: found.map((s) => s.activity_json),
      });
    }
    return out;
  }
  const found = (await rows(
    `SELECT r.i, s.body_text, s.activity_json
     FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(thread_id, seq, i)
     CROSS JOIN LATERAL (
       SELECT x.body_text, x.activity_json, x.seq FROM messages x
       WHERE x.thread_id = r.thread_id AND x.seq < r.seq
       ORDER BY x.seq DESC LIMIT ${SIBLING_LIMIT}) s
     ORDER BY r.i, s.seq DESC`,
    [refs.map((r) => r.thread_id), refs.map((r) => Number(r.seq))],
  )) as Array<SiblingRow & { i: number | string }>;
  const out = refs.map(() => ({ texts: [] as string[], templates: [] as string[] }));
  for (const row of found) {
    const entry = out[Number(row.i) - 1]!;
    entry.texts.push(row.body_text);
    entry.templates.push(row.activity_json);
  }
  return out;
}

async function postgresPage(rows: ReadRows, query: EventPageQuery): Promise<EventRow[]> {
  const { where, tail, params, direction } = pageFilter(query, (n) => `$${n}`);
  const page = (await rows(
    `WITH page AS (
       SELECT ${PAGE_COLUMNS} FROM compliance_events e JOIN messages m ON m.id = e.message_id
       WHERE ${where} ${tail})
     SELECT page.*, s.sibling_texts, s.sibling_activities FROM page
     LEFT JOIN LATERAL (
       SELECT json_agg(q.body_text ORDER BY q.seq DESC) AS sibling_texts,
              json_agg(q.activity_json ORDER BY q.seq DESC) AS sibling_activities
       FROM (SELECT x.body_text, x.activity_json, x.seq FROM messages x
             WHERE x.thread_id = page.thread_id AND x.seq < page.seq
             ORDER BY x.seq DESC LIMIT ${SIBLING_LIMIT}) q
     ) s ON true
     ORDER BY page.processed_at${direction}, page.id${direction}`,
    params,
  )) as PageRow[];
  return page.map((row) => toEventRow(row, row.sibling_texts ?? [], row.sibling_activities ?? []));
}

/** `[activity, …]` of the siblings, each expanded from its template (ropes, no join copy). */
export function siblingsJson(texts: readonly string[], templates: readonly string[]): string {
  let out = "[";
  for (let i = 0; i < templates.length; i++) {
    if (i > 0) out += ",";
    out += expandActivity(JSON.stringify(texts[i]!), templates[i]!);
  }
  return `${out}]`;
}

function toEventRow(row: PageRow, siblingTexts: string[], siblingTemplates: string[]): EventRow {
  const textJson = JSON.stringify(row.body_text);
  const activityJson = expandActivity(textJson, row.activity_json);
  return {
    id: Number(row.id),
    applicationId: String(row.application_id),
    ownerMemberId: row.owner_member_id,
    actor: row.actor,
    messageId: row.message_id,
    activityId: row.activity_id,
    activityStatus: row.activity_status,
    capturedAt: Number(row.captured_at),
    processedAt: Number(row.processed_at),
    activityJson,
    processedActivityJson: expandProcessedActivity(
      textJson,
      activityJson,
      row.processed_activity_json,
    ),
    siblingsJson: siblingsJson(siblingTexts, siblingTemplates),
  };
}
