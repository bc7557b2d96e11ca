import { afterEach, describe, expect, it } from "vitest";
import { sendMessages } from "../../src/domain/messaging/send-messages.js";
import { openDatabase, type StoreLocation } from "../../src/store/dialects.js";
import { migrateTo } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import type { MessageRecord } from "../../src/store/world-records.js";
import { personUrn, threadUrn } from "../../src/urn.js";
import { createPostgresDatabase, createTempDir, storeTargets } from "../helpers/store-targets.js";
import { insertStoreWorld } from "../helpers/store-world.js";

const T0 = 1_800_000_000_000;

// Migration 0006 rewrites stored messages (text once, no per-message siblings). A store
// written in the old layout must answer every event page, and export, byte for byte as the
// same world captured in the new layout does.
describe.each(storeTargets)("store: migration 0006 of an old-layout store on $name", (target) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("serves the same pages and export after rewriting the old rows", async () => {
    const created = await target.create();
    cleanups.push(() => created.dispose());
    const source = created.store;
    const appId = await captureWorld(source);
    const history = await readAll(source);

    const location = await emptyLocation(target.name, cleanups);
    const raw = await openDatabase(location);
    await migrateTo(raw.db, raw.dialect, "0005-immutable-events");
    await writeOldLayout(raw.db as never, history);
    await raw.destroy();
    const migrated = await openStore(location);
    cleanups.push(() => migrated.close());

    for (const owner of ["ada", "bob"]) {
      for (const [offset, limit] of [
        [0, 100],
        [3, 4],
      ] as const) {
        const query = {
          applicationId: appId,
          ownerMemberId: owner,
          fromMs: 0,
          toMs: null,
          offset,
          limit,
        };
        const expected = await source.messaging.findEvents(query);
        expect(expected.rows.length).toBeGreaterThan(0);
        expect(await migrated.messaging.findEvents(query)).toEqual(expected);
      }
      const latest = { applicationId: appId, ownerMemberId: owner, fromMs: 0, limit: 5 };
      expect(await migrated.messaging.findLatestEvents(latest)).toEqual(
        await source.messaging.findLatestEvents(latest),
      );
    }
    // The rows were rewritten: text cut out, activity not repeated, no siblings column.
    const check = await openDatabase(location);
    const rows = await check.db
      .selectFrom("messages")
      .selectAll()
      .execute()
      .finally(() => check.destroy());
    expect(rows).toHaveLength(history.messages.length);
    for (const row of rows) {
      expect(row.activity_json).toContain("\u0001");
      expect(row.processed_activity_json.startsWith("{\u0002,")).toBe(true);
      expect(Object.keys(row)).not.toContain("siblings_json");
    }
    const migratedHistory = await readAll(migrated);
    expect(migratedHistory.messages).toEqual(history.messages);
    // Siblings are at the limit once the thread is longer than ten messages.
    expect(history.messages.at(-1)!.siblingActivities).toHaveLength(10);
  });
});

async function captureWorld(store: Store): Promise<string> {
  const appId = await insertStoreWorld(store, {
    members: ["ada", "bob"],
    at: T0,
    // Quotes and a control character in names: the templates must not mistake them for marks.
    names: (id) => ({ firstName: `"${id}"`, lastName: "\u0001" }),
  });
  await store.settings.writeClock({ mode: "frozen", offsetMs: 0, frozenAtMs: T0 });
  await store.authorizations.optIn(appId, "ada", "ADMIN");
  await store.authorizations.optIn(appId, "bob", "ADMIN");
  const [first] = await sendMessages(
    [{ from: personUrn("ada"), to: [personUrn("bob")], text: "hello", subject: "hello" }],
    { store },
  );
  const thread = threadUrn(first!.message.threadId);
  const texts = ['a "quoted" \\ text', "", "\u0001\u0002 marks", "ünïcode ✓", "hello"];
  const replies = Array.from({ length: 13 }, (_, i) => ({
    from: personUrn(i % 2 === 0 ? "bob" : "ada"),
    thread,
    text: texts[i % texts.length]!,
  }));
  await sendMessages(replies.slice(0, 6), { store });
  await sendMessages(replies.slice(6), { store });
  return appId;
}

async function readAll(store: Store) {
  const threads = [];
  for await (const page of store.world.readThreads()) threads.push(...page);
  const messages: MessageRecord[] = [];
  for await (const page of store.world.readMessages()) messages.push(...page);
  const events = [];
  for await (const page of store.world.readEvents()) events.push(...page);
  return { threads, messages, events };
}

async function emptyLocation(
  name: string,
  cleanups: Array<() => Promise<void> | void>,
): Promise<StoreLocation> {
  if (name === "postgres") {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    return { databaseUrl: database.url, dataDir: createTempDir().dir };
  }
  const temp = createTempDir();
  cleanups.push(() => temp.remove());
  return { dataDir: temp.dir };
}

/** The rows as migrations 0001–0005 stored them: every document whole, siblings copied. */
async function writeOldLayout(
  // biome-ignore lint/suspicious/noExplicitAny: the old schema is not the Database type.
  db: import("kysely").Kysely<any>,
  history: Awaited<ReturnType<typeof readAll>>,
): Promise<void> {
  for (const t of history.threads) {
    await db
      .insertInto("threads")
      .values({
        id: t.id,
        creator_member_id: t.creatorMemberId,
        creator_identity: t.creatorIdentity,
        subject: t.subject,
        created_at: t.createdAt,
        last_message_at: t.lastMessageAt,
      })
      .execute();
  }
  for (const m of history.messages) {
    await db
      .insertInto("messages")
      .values({
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
        activity_json: JSON.stringify(m.activity),
        processed_activity_json: JSON.stringify(m.processedActivity),
        siblings_json: JSON.stringify(m.siblingActivities),
      })
      .execute();
  }
  for (const e of history.events) {
    await db
      .insertInto("compliance_events")
      .values({
        id: e.id,
        application_id: Number(e.applicationId),
        owner_member_id: e.ownerMemberId,
        message_id: e.messageId,
        actor: e.actor,
        activity_status: e.activityStatus,
        captured_at: e.capturedAt,
        processed_at: e.processedAt,
      })
      .execute();
  }
}
