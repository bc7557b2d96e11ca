import type { Kysely } from "kysely";
import type { DialectName } from "../dialects.js";
import type { MessagingStore, StoreMessagesOutcome } from "../messaging-store.js";
import type { Database } from "../schema.js";
import { storeGroupLocked } from "./capture.js";
import { CaptureQueue } from "./capture-queue.js";
import { type EventPageQuery, findEventPage } from "./event-pages.js";
import type { PageReaders } from "./page-readers.js";
import type { Reader } from "./reader.js";
import { loadThreads, readThreads, toStoredMessage } from "./thread-rows.js";
import { withMemberLocks } from "./write-transaction.js";

const PURGE_BATCH = 5000;

/** Capture groups committing at once on PostgreSQL: under half the pool, so reads go on. */
const POSTGRES_CONCURRENT_GROUPS = 4;

export function createMessagingRepo(
  db: Kysely<Database>,
  dialect: DialectName,
  read: Reader,
  pages?: PageReaders,
): MessagingStore {
  const eventPage = (query: EventPageQuery) =>
    pages ? pages.eventPage(query) : findEventPage(read, dialect, query);
  const queue = new CaptureQueue(
    (jobs) =>
      withMemberLocks(
        db,
        dialect,
        jobs.flatMap((j) => j.memberIds),
        (tx) => storeGroupLocked(tx, dialect, jobs),
      ),
    dialect === "postgres" ? POSTGRES_CONCURRENT_GROUPS : 1,
  );
  return {
    async storeMessages(drafts, plan): Promise<StoreMessagesOutcome> {
      if (drafts.length === 0) return { ok: true, results: [] };
      // Participants of existing threads never change, so they can be read before locking.
      const replyThreadIds = [
        ...new Set(drafts.filter((d) => d.thread.kind === "reply").map((d) => d.thread.id)),
      ];
      const existing = await readThreads(read, dialect, replyThreadIds);
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
      return queue.submit({ drafts, plan, memberIds: [...memberIds] });
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
      const rows = await eventPage({
        ...query,
        order: "oldest-first",
        limit: query.limit + 1,
      });
      return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
    },

    async findLatestEvents(query) {
      const rows = await eventPage({
        ...query,
        toMs: null,
        order: "newest-first",
        offset: 0,
        limit: query.limit + 1,
      });
      return { rows: rows.slice(0, query.limit).reverse(), hasMore: rows.length > query.limit };
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
