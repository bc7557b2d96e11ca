import fc from "fast-check";

/**
 * A history is a world size and a list of commands. Indexes (`app`, `member`, `thread`,
 * `from`) are taken modulo what exists when the command runs, so every generated history is
 * meaningful and shrinks cleanly.
 */
export const MEMBERS = 4;
/** Member 3 has no Sales Navigator seat and sends from a personal mailbox. */
export const SEATLESS_MEMBER = 3;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type Command =
  | { kind: "optIn"; app: number; member: number; shortToken: boolean }
  | { kind: "optOut"; app: number; member: number; via: "member" | "application" }
  | { kind: "optOutOtherApp"; app: number; victimApp: number; member: number }
  | { kind: "optOutOtherMember"; app: number; member: number; victim: number }
  | { kind: "removeApp"; app: number; member: number }
  | { kind: "revokeToken"; app: number; member: number }
  | { kind: "advance"; ms: number }
  | { kind: "newThread"; from: number; to: number[] }
  | { kind: "reply"; thread: number; from: number }
  | { kind: "purge" };

export interface History {
  apps: number;
  /** Page size used when reading every stream back at the end. */
  pageSize: number;
  /** Whether to purge expired events just before that final read. */
  purgeBeforeCheck: boolean;
  commands: Command[];
}

const app = fc.nat(2);
const member = fc.nat(MEMBERS - 1);

/**
 * Clock moves, from none (same-instant ordering) to past the 28-day window; exactly 28 days
 * is the most likely, so events sitting on the window's edge are common.
 */
const advanceMs = fc.oneof(
  fc.constantFrom(0, 1, 1000, HOUR_MS, 3 * HOUR_MS, DAY_MS, 10 * DAY_MS, 28 * DAY_MS + 1),
  fc.constant(28 * DAY_MS),
);

export const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("optIn" as const),
      app,
      member,
      shortToken: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("optOut" as const),
      app,
      member,
      via: fc.constantFrom("member" as const, "application" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("optOutOtherApp" as const),
      app,
      victimApp: app,
      member,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("optOutOtherMember" as const),
      app,
      member,
      victim: member,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("removeApp" as const), app, member }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("revokeToken" as const), app, member }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: advanceMs }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("newThread" as const),
      from: member,
      to: fc.uniqueArray(member, { minLength: 1, maxLength: MEMBERS }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("reply" as const),
      thread: fc.nat(20),
      from: fc.nat(MEMBERS),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "purge" as const }) },
);

export const historyArbitrary: fc.Arbitrary<History> = fc.record({
  apps: fc.integer({ min: 2, max: 3 }),
  pageSize: fc.integer({ min: 1, max: 10 }),
  purgeBeforeCheck: fc.boolean(),
  commands: fc.array(commandArbitrary, { minLength: 1, maxLength: 16 }),
});
