import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { MessagingStore } from "../messaging-store.js";

export function createMessagingRepo(db: Kysely<Database>): MessagingStore {
  return {
    async countMessages() {
      const row = await db
        .selectFrom("messages")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
