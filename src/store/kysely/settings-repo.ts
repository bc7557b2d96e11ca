import type { Kysely } from "kysely";
import type { ClockState } from "../../clock.js";
import type { Database } from "../schema.js";
import type { SettingsStore } from "../store.js";
import { CLOCK_SETTING, readClockState } from "./write-transaction.js";

export function createSettingsRepo(db: Kysely<Database>): SettingsStore {
  async function get(key: string): Promise<string | null> {
    const row = await db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value ?? null;
  }
  async function set(key: string, value: string): Promise<void> {
    await db
      .insertInto("settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
      .execute();
  }
  return {
    get,
    set,
    async setIfAbsent(key, value) {
      await db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      return (await get(key)) ?? value;
    },
    readClock: () => readClockState(db),
    writeClock: (state: ClockState) => set(CLOCK_SETTING, JSON.stringify(state)),
  };
}
