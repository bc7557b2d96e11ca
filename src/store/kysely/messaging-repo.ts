import type { Kysely } from "kysely";
import type { DialectName } from "../dialects.js";
import type { EventRow, MessagingStore, StoreMessagesOutcome } from "../messaging-store.js";
import type { Database } from "../schema.js";
import { CaptureRefused, storeMessagesLocked } from "./capture.js";
import { loadThreads, toStoredMessage } from "./thread-rows.js";
import { withMemberLocks } from "./write-transaction.js";

const PURGE_BATCH = 5000;

export function createMessagingRepo(db: Kysely<Database>, dialect: DialectName): MessagingStore {
  return {
    async storeMessages(drafts, plan): Promise<StoreMessagesOutcome> {
      if (drafts.length === 0) return { ok: true, results: [] };
      // Participants of existing threads never change, so they can be read before locking.
      const replyThreadIds = [
        ...new Set(drafts.filter((d) => d.thread.kind === "reply").map((d) => d.thread.id)),
      ];
      const existing = await loadThreads(db, replyThreadIds);
      const memberIds = new Set<string>();
      for (const draft of drafts) {
        memberIds.add(draft.senderMemberId);
        if (draft.thread.kind === "new")
          for (const p of draft.thread.participants) memberIds.add(p.memberId);
        else {
          const thread = existing.get(draft.thread.id);
          if (
            !thread &&
            !drafts.some((d) => d.thread.kind === "new" && d.thread.id === draft.thread.id)
          ) {
            return { ok: false, refusal: { kind: "unknown-thread", threadId: draft.thread.id } };
          }
          for (const p of thread?.participants ?? []) memberIds.add(p.memberId);
        }
      }
      try {
        return await withMemberLocks(db, dialect, [...memberIds], (tx) =>
          storeMessagesLocked(tx, dialect, drafts, plan),
        );
      } catch (error) {
        // Thrown inside to roll the transaction back; a refusal is an answer, not a failure.
        if (error instanceof CaptureRefused) return { ok: false, refusal: error.refusal };
        throw error;
      }
    },

    async findThread(threadId) {
      return (await loadThreads(db, [threadId])).get(threadId) ?? null;
    },

    async listThreads({ memberId, limit }) {
      let query = db
        .selectFrom("threads")
        .select("id")
        .orderBy("last_message_at", "desc")
        .orderBy("id")
        .limit(limit);
      if (memberId !== undefined) {
        query = query.where(
          "id",
          "in",
          db
            .selectFrom("thread_participants")
            .select("thread_id")
            .where("member_id", "=", memberId),
        );
      }
      const ids = (await query.execute()).map((r) => r.id);
      const threads = await loadThreads(db, ids);
      return ids.map((id) => threads.get(id)!).filter(Boolean);
    },

    async listThreadMessages(threadId) {
      const rows = await db
        .selectFrom("messages")
        .selectAll()
        .where("thread_id", "=", threadId)
        .orderBy("seq")
        .execute();
      return rows.map(toStoredMessage);
    },

    async countMessages() {
      const row = await db
        .selectFrom("messages")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findEvents(query) {
      let select = selectEvents(db, query.applicationId, query.ownerMemberId, query.fromMs);
      if (query.toMs !== null) select = select.where("e.processed_at", "<", query.toMs);
      const rows = await select
        .orderBy("e.processed_at")
        .orderBy("e.id")
        .limit(query.limit + 1)
        .offset(query.offset)
        .execute();
      return {
        rows: rows.slice(0, query.limit).map(toEventRow),
        hasMore: rows.length > query.limit,
      };
    },

    async findLatestEvents(query) {
      const rows = await selectEvents(db, query.applicationId, query.ownerMemberId, query.fromMs)
        .orderBy("e.processed_at", "desc")
        .orderBy("e.id", "desc")
        .limit(query.limit + 1)
        .execute();
      return {
        rows: rows.slice(0, query.limit).map(toEventRow).reverse(),
        hasMore: rows.length > query.limit,
      };
    },

    async countEvents(query) {
      const row = await db
        .selectFrom("compliance_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("application_id", "=", Number(query.applicationId))
        .where("owner_member_id", "=", query.ownerMemberId)
        .where("processed_at", ">=", query.fromMs)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async purgeEventsBefore(cutoffMs) {
      // Bounded batches through the processed_at index: each statement is short, so purging
      // never holds locks long or bloats one transaction, however large the backlog.
      let total = 0;
      for (;;) {
        const victims = db
          .selectFrom("compliance_events")
          .select("id")
          .where("processed_at", "<", cutoffMs)
          .limit(PURGE_BATCH);
        const result = await db
          .deleteFrom("compliance_events")
          .where("id", "in", victims)
          .executeTakeFirst();
        const deleted = Number(result.numDeletedRows);
        total += deleted;
        if (deleted < PURGE_BATCH) return total;
      }
    },
  };
}

/** A member's events for an application from `fromMs` on, joined to their message documents. */
function selectEvents(
  db: Kysely<Database>,
  applicationId: string,
  ownerMemberId: string,
  fromMs: number,
) {
  return db
    .selectFrom("compliance_events as e")
    .innerJoin("messages as m", "m.id", "e.message_id")
    .select([
      "e.id",
      "e.application_id",
      "e.owner_member_id",
      "e.actor",
      "e.message_id",
      "m.activity_id",
      "e.activity_status",
      "e.captured_at",
      "e.processed_at",
      "m.activity_json",
      "m.processed_activity_json",
      "m.siblings_json",
    ])
    .where("e.application_id", "=", Number(applicationId))
    .where("e.owner_member_id", "=", ownerMemberId)
    .where("e.processed_at", ">=", fromMs);
}

type EventSelection = Awaited<ReturnType<ReturnType<typeof selectEvents>["execute"]>>[number];

function toEventRow(r: EventSelection): EventRow {
  return {
    id: Number(r.id),
    applicationId: String(r.application_id),
    ownerMemberId: r.owner_member_id,
    actor: r.actor,
    messageId: r.message_id,
    activityId: r.activity_id,
    activityStatus: r.activity_status,
    capturedAt: Number(r.captured_at),
    processedAt: Number(r.processed_at),
    activityJson: r.activity_json,
    processedActivityJson: r.processed_activity_json,
    siblingsJson: r.siblings_json,
  };
}
