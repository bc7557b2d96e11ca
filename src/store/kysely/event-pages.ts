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
}

interface SiblingRow {
  siblings: string;
}

const PAGE_COLUMNS = `e.id, e.application_id, e.owner_member_id, e.actor, e.message_id,
  e.activity_status, e.captured_at, e.processed_at, m.activity_id, m.thread_id, m.seq,
  m.body_text, m.activity_json, m.processed_activity_json`;

/**
 * One page of a member's events with each event's message documents and siblingActivities
 * (events.md): the activities of the thread's previous SIBLING_LIMIT messages by seq, newest
 * first. Siblings are not stored per message; they are read here, through the
 * (thread_id, seq) index. SQLite: one statement, the siblings a correlated subquery.
 * PostgreSQL: one round trip, the siblings gathered by a LATERAL subquery.
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

/**
 * SQLite: one statement per page, the siblings of each event a correlated subquery over the
 * (thread_id, seq) index; measured against the page plus one statement per event: 95 µs
 * against 163 µs for a page of ten.
 */
async function sqlitePage(rows: ReadRows, query: EventPageQuery): Promise<EventRow[]> {
  const { where, tail, params } = pageFilter(query, () => "?");
  const siblings = siblingArraySql(
    "sqlite",
    `SELECT s.activity_json, s.body_text, s.seq FROM messages s
     WHERE s.thread_id = m.thread_id AND s.seq < m.seq ORDER BY s.seq DESC LIMIT ${SIBLING_LIMIT}`,
  );
  const page = (await rows(
    `SELECT ${PAGE_COLUMNS}, (${siblings}) AS siblings
     FROM compliance_events e JOIN messages m ON m.id = e.message_id
     WHERE ${where} ${tail}`,
    params,
  )) as Array<PageRow & SiblingRow>;
  return page.map((row) => toEventRow(row, row.siblings));
}

export interface SiblingRef {
  thread_id: string;
  seq: number | string;
}

/**
 * One sibling's activity JSON, expanded by the database: the template with its text marks
 * replaced by the text's JSON string. `json_quote` (SQLite) and `to_json` (PostgreSQL) quote
 * a string exactly as JSON.stringify does (test/store/sibling-expansion.test.ts holds them
 * to it), and the text is stored once; so the siblings come out of the store as one string
 * per event instead of two strings per sibling.
 */
const siblingSql = {
  sqlite: "replace(activity_json, char(1), json_quote(body_text))",
  postgres: "replace(activity_json, chr(1), to_json(body_text)::text)",
} as const;

/** Each `siblingSql` row joined into `[…]`, newest first, as SQL over `source`. */
function siblingArraySql(dialect: DialectName, source: string): string {
  const agg = dialect === "sqlite" ? "group_concat" : "string_agg";
  return `SELECT '[' || coalesce(${agg}(${siblingSql[dialect]}, ',' ORDER BY seq DESC), '') || ']'
    AS siblings FROM (${source}) q`;
}

/**
 * The siblingActivities JSON of each message: the activities of the thread's previous
 * SIBLING_LIMIT messages by seq, newest first. SQLite: one short index range per message (a
 * cached statement); PostgreSQL: one statement for all of them.
 */
export async function loadSiblings(
  rows: ReadRows,
  dialect: DialectName,
  refs: readonly SiblingRef[],
): Promise<string[]> {
  if (dialect === "sqlite") {
    const text = siblingArraySql(
      "sqlite",
      `SELECT activity_json, body_text, seq FROM messages
       WHERE thread_id = ? AND seq < ? ORDER BY seq DESC LIMIT ${SIBLING_LIMIT}`,
    );
    const out: string[] = [];
    for (const ref of refs) {
      const [found] = (await rows(text, [ref.thread_id, Number(ref.seq)])) as SiblingRow[];
      out.push(found!.siblings);
    }
    return out;
  }
  const found = (await rows(
    `SELECT r.i, s.siblings
     FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(thread_id, seq, i)
     CROSS JOIN LATERAL (${siblingArraySql(
       "postgres",
       `SELECT x.activity_json, x.body_text, x.seq FROM messages x
        WHERE x.thread_id = r.thread_id AND x.seq < r.seq
        ORDER BY x.seq DESC LIMIT ${SIBLING_LIMIT}`,
     )}) s`,
    [refs.map((r) => r.thread_id), refs.map((r) => Number(r.seq))],
  )) as Array<SiblingRow & { i: number | string }>;
  const out = refs.map(() => "[]");
  for (const row of found) out[Number(row.i) - 1] = row.siblings;
  return out;
}

async function postgresPage(rows: ReadRows, query: EventPageQuery): Promise<EventRow[]> {
  const { where, tail, params, direction } = pageFilter(query, (n) => `$${n}`);
  const page = (await rows(
    `WITH page AS (
       SELECT ${PAGE_COLUMNS} FROM compliance_events e JOIN messages m ON m.id = e.message_id
       WHERE ${where} ${tail})
     SELECT page.*, s.siblings FROM page
     CROSS JOIN LATERAL (${siblingArraySql(
       "postgres",
       `SELECT x.activity_json, x.body_text, x.seq FROM messages x
        WHERE x.thread_id = page.thread_id AND x.seq < page.seq
        ORDER BY x.seq DESC LIMIT ${SIBLING_LIMIT}`,
     )}) s
     ORDER BY page.processed_at${direction}, page.id${direction}`,
    params,
  )) as Array<PageRow & SiblingRow>;
  return page.map((row) => toEventRow(row, row.siblings));
}

function toEventRow(row: PageRow, siblings: string): EventRow {
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
    siblingsJson: siblings,
  };
}
