import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { CreateApplicationBody, CreateMemberBody, SendMessageBody } from "./schemas.js";

/**
 * A world as data (docs/seed.md; JSON Schema in docs/seed.schema.json, generated from this).
 * Authored parts use the shapes of the control-plane calls, with caller-chosen ids, secrets
 * and tokens allowed so a seeded world keeps the same credentials across resets. The parts
 * `GET /sandbox/export` adds — authorization history, grants, token and code records
 * (hashes), `history` (threads, messages, events as stored), `clock`, `counters` — are
 * restored verbatim: nothing in `history` is captured again. `messages` are sent, and
 * captured, when the seed is applied.
 */
const Ms = Type.Integer({ minimum: 0 });
const NullableMs = Type.Union([Ms, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 200 });
const Hash = Type.String({ pattern: "^[0-9a-f]{64}$" });
const Scopes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 });
const strict = { additionalProperties: false } as const;
// Optional with a default: a seed may leave any list out (validators that apply defaults,
// as the server's do, fill in []), and the JSON Schema does not call it required.
const list = <T extends TSchema>(item: T, maxItems: number) =>
  Type.Optional(Type.Array(item, { default: [], maxItems }));

export const SeedApplication = Type.Object(
  { ...CreateApplicationBody.properties, createdAt: Type.Optional(Ms) },
  strict,
);

export const SeedMember = Type.Object(
  { ...CreateMemberBody.properties, createdAt: Type.Optional(Ms) },
  strict,
);

export const SeedAuthorization = Type.Object(
  {
    application: Type.String({ minLength: 1 }),
    member: Type.String({ minLength: 1 }),
    regulatedAt: Type.Optional(Ms),
    optInCause: Type.Optional(Type.Union([Type.Literal("API_OPT_IN"), Type.Literal("ADMIN")])),
    optedOutAt: Type.Optional(NullableMs),
    optOutCause: Type.Optional(
      Type.Union([
        Type.Literal("API_OPT_OUT"),
        Type.Literal("MEMBER_REMOVED_APP"),
        Type.Literal("ADMIN"),
        Type.Literal("APPLICATION_DELETED"),
        Type.Null(),
      ]),
    ),
  },
  strict,
);

export const SeedGrant = Type.Object(
  { application: Id, member: Id, scopes: Scopes, grantedAt: Ms },
  strict,
);

/** A token: `token` (clear, hashed on the way in; for authored seeds) or `tokenHash` (exports). */
export const SeedToken = Type.Object(
  {
    application: Id,
    member: Type.Optional(Type.Union([Id, Type.Null()])),
    token: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    tokenHash: Type.Optional(Hash),
    scopes: Type.Optional(Scopes),
    authorizedAt: Type.Optional(Ms),
    createdAt: Type.Optional(Ms),
    expiresAt: Type.Optional(Ms),
    revokedAt: Type.Optional(NullableMs),
    refreshTokenHash: Type.Optional(Type.Union([Hash, Type.Null()])),
    refreshExpiresAt: Type.Optional(NullableMs),
    sourceCodeHash: Type.Optional(Type.Union([Hash, Type.Null()])),
  },
  strict,
);

export const SeedCode = Type.Object(
  {
    codeHash: Hash,
    application: Id,
    member: Id,
    redirectUri: Type.String({ minLength: 1, maxLength: 2000 }),
    scopes: Scopes,
    codeChallenge: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    codeChallengeMethod: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
    createdAt: Ms,
    expiresAt: Ms,
    usedAt: NullableMs,
  },
  strict,
);

export const StoredThread = Type.Object(
  {
    id: Id,
    creatorMemberId: Id,
    creatorIdentity: Id,
    subject: Type.Union([Type.String(), Type.Null()]),
    createdAt: Ms,
    lastMessageAt: Ms,
    participants: Type.Array(Type.Object({ memberId: Id, identity: Id, joinedAt: Ms }, strict), {
      maxItems: 101,
    }),
  },
  strict,
);

export const StoredMessage = Type.Object(
  {
    id: Id,
    seq: Ms,
    threadId: Id,
    senderMemberId: Id,
    authorIdentity: Id,
    mailbox: Type.String({ maxLength: 50 }),
    kind: Type.String({ maxLength: 50 }),
    subject: Type.Union([Type.String(), Type.Null()]),
    text: Type.String(),
    attachments: Type.Array(Type.Unknown()),
    activityId: Id,
    createdAt: Ms,
    deliveredAt: Ms,
    activity: Type.Unknown(),
    processedActivity: Type.Unknown(),
    siblingActivities: Type.Array(Type.Unknown()),
  },
  strict,
);

export const StoredEvent = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    applicationId: Id,
    ownerMemberId: Id,
    messageId: Id,
    actor: Id,
    activityStatus: Type.String({ maxLength: 50 }),
    capturedAt: Ms,
    processedAt: Ms,
  },
  strict,
);

export const SeedHistory = Type.Object(
  {
    threads: list(StoredThread, 10_000_000),
    messages: list(StoredMessage, 10_000_000),
    events: list(StoredEvent, 100_000_000),
    watermarks: list(Type.Object({ memberId: Id, lastProcessedAt: Ms }, strict), 1_000_000),
  },
  strict,
);

export const SeedClock = Type.Object(
  {
    mode: Type.Union([Type.Literal("system"), Type.Literal("frozen"), Type.Literal("offset")]),
    offsetMs: Type.Integer(),
    frozenAtMs: NullableMs,
  },
  strict,
);

export const SeedCounters = Type.Object(
  {
    applications: Type.Optional(Ms),
    salesIdentities: Type.Optional(Ms),
    messageSeq: Type.Optional(Ms),
    eventIds: Type.Optional(Ms),
  },
  strict,
);

export const SEED_FORMAT = "regula-seed";

export const SeedDocument = Type.Object(
  {
    format: Type.Optional(Type.Literal(SEED_FORMAT)),
    version: Type.Optional(Type.Literal(1)),
    clock: Type.Optional(SeedClock),
    counters: Type.Optional(SeedCounters),
    applications: list(SeedApplication, 10_000),
    members: list(SeedMember, 100_000),
    authorizations: list(SeedAuthorization, 1_000_000),
    grants: list(SeedGrant, 1_000_000),
    tokens: list(SeedToken, 1_000_000),
    codes: list(SeedCode, 1_000_000),
    history: Type.Optional(SeedHistory),
    messages: list(SendMessageBody, 100_000),
  },
  { ...strict, title: "Regula seed document" },
);
export type SeedDocument = Static<typeof SeedDocument>;

/**
 * Validates a seed from outside HTTP (REGULA_SEED) with the schema the routes use: defaults
 * filled in, the first problem reported as `path message`.
 */
export function parseSeedDocument(value: unknown): SeedDocument {
  const withDefaults: unknown = Value.Default(SeedDocument, Value.Clone(value));
  if (Value.Check(SeedDocument, withDefaults)) return withDefaults;
  const first = [...Value.Errors(SeedDocument, withDefaults)][0];
  throw new Error(`not a seed document: ${first?.path || "/"} ${first?.message}`);
}
