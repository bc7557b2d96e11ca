/**
 * The benchmark's world, as a seed document the server applies to an empty store: one
 * application, `MEMBER_COUNT` members who are all regulated by it, a token per member, and a
 * clock frozen at `WORLD_START_MS`. Loaders advance the frozen clock between batches, so the
 * loaded events spread over `LOAD_SPAN_MS` (inside the 28-day window) and stay inside it on
 * every later run, whatever the real date: the clock state is persisted in the store.
 */
/**
 * Part of every cache key: bump it when the world or the loader changes what a loaded store
 * holds (2: messages of random words instead of one repeated letter; 3: the same thread
 * shape at every size, message-source.ts).
 */
export const WORLD_VERSION = 3;
export const ADMIN_KEY = "bench-admin-key-0123456789abcdef";
export const APPLICATION_ID = "800001";
export const MEMBER_COUNT = 100;
export const WORLD_START_MS = Date.parse("2026-01-05T00:00:00Z");
/** 26 days: room for the capture rounds at the frozen end without leaving the window. */
export const LOAD_SPAN_MS = 26 * 86_400_000;
/** Every message goes to one other member, and both are regulated: two events a message. */
export const EVENTS_PER_MESSAGE = 2;
/** The capture figures of issue 11 are for messages of about 1 KB of text. */
export const TEXT_BYTES = 1024;

export const memberIds: readonly string[] = Array.from(
  { length: MEMBER_COUNT },
  (_, i) => `bm${String(i).padStart(3, "0")}`,
);

/** The member's access token (clear; the seed stores its hash). */
export function memberToken(memberId: string): string {
  return `rgl_at_bench_${memberId}_0123456789abcdef`;
}

export function worldSeed(): Record<string, unknown> {
  const before = WORLD_START_MS - 86_400_000;
  return {
    clock: { mode: "frozen", offsetMs: 0, frozenAtMs: WORLD_START_MS },
    applications: [{ id: APPLICATION_ID, name: "Bench archiver", redirectUris: [] }],
    members: memberIds.map((id) => ({ id, firstName: id, lastName: "Bench", createdAt: before })),
    authorizations: memberIds.map((member) => ({
      application: APPLICATION_ID,
      member,
      regulatedAt: before,
    })),
    tokens: memberIds.map((member) => ({
      application: APPLICATION_ID,
      member,
      token: memberToken(member),
      createdAt: before,
      authorizedAt: before,
      expiresAt: WORLD_START_MS + 3650 * 86_400_000,
    })),
  };
}
