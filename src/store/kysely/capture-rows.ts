import type { Insertable, Kysely } from "kysely";
import type { OpenAuthorization } from "../../domain/capture/plan-capture.js";
import type { Thread } from "../../domain/messaging/records.js";
import type { Member } from "../../domain/records.js";
import type { Database } from "../schema.js";

/**
 * Rows per multi-row INSERT: 16 columns × 500 rows stays far below SQLite's 32766 and
 * PostgreSQL's 65535 bound parameters.
 */
const INSERT_CHUNK = 500;

/** The profiles of `memberIds` that exist (the capture plan refuses unknown ones). */
export async function loadProfiles(
  db: Kysely<Database>,
  memberIds: string[],
): Promise<Map<string, Member>> {
  const rows =
    memberIds.length === 0
      ? []
      : await db.selectFrom("members").selectAll().where("id", "in", memberIds).execute();
  return new Map<string, Member>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        firstName: r.first_name,
        lastName: r.last_name,
        salesIdentityId: r.sales_identity_id,
        createdAt: Number(r.created_at),
      },
    ]),
  );
}

/** Each member's open authorizations (opted in, not opted out), by application id. */
export async function loadOpenAuthorizations(
  db: Kysely<Database>,
  memberIds: string[],
): Promise<Map<string, OpenAuthorization[]>> {
  const byMember = new Map<string, OpenAuthorization[]>();
  if (memberIds.length === 0) return byMember;
  const rows = await db
    .selectFrom("compliance_authorizations")
    .select(["member_id", "application_id", "regulated_at"])
    .where("member_id", "in", memberIds)
    .where("opted_out_at", "is", null)
    .orderBy("application_id")
    .execute();
  for (const row of rows) {
    const list = byMember.get(row.member_id) ?? [];
    list.push({ applicationId: String(row.application_id), regulatedAt: Number(row.regulated_at) });
    byMember.set(row.member_id, list);
  }
  return byMember;
}

/** Writes a built capture batch with multi-row statements, parents before children. */
export async function insertCaptureRows(
  db: Kysely<Database>,
  batch: {
    newThreads: Thread[];
    messages: Array<Insertable<Database["messages"]>>;
    events: Array<Database["compliance_events"]>;
    repliedThreadIds: string[];
    nowMs: number;
  },
): Promise<void> {
  const threadRows = batch.newThreads.map((t) => ({
    id: t.id,
    creator_member_id: t.creatorMemberId,
    creator_identity: t.creatorIdentity,
    subject: t.subject,
    created_at: t.createdAt,
    last_message_at: t.lastMessageAt,
  }));
  const participantRows = batch.newThreads.flatMap((t) =>
    t.participants.map((p) => ({
      thread_id: t.id,
      member_id: p.memberId,
      identity: p.identity,
      joined_at: p.joinedAt,
    })),
  );
  for (const rows of chunks(threadRows)) await db.insertInto("threads").values(rows).execute();
  for (const rows of chunks(participantRows)) {
    await db.insertInto("thread_participants").values(rows).execute();
  }
  for (const rows of chunks(batch.messages)) await db.insertInto("messages").values(rows).execute();
  for (const ids of chunks(batch.repliedThreadIds)) {
    await db
      .updateTable("threads")
      .set({ last_message_at: batch.nowMs })
      .where("id", "in", ids)
      .execute();
  }
  for (const rows of chunks(batch.events)) {
    await db.insertInto("compliance_events").values(rows).execute();
  }
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
}
