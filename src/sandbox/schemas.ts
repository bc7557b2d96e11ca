import { type Static, Type } from "@sinclair/typebox";

/** Request and response schemas of the control plane: validation, types and docs in one place. */

const PersonId = Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" });
const NumericId = Type.String({ pattern: "^[1-9][0-9]{0,14}$" });
// An absolute URI: a scheme, then no whitespace. A pattern rather than `format: "uri"`, so
// every validator of these schemas (Fastify's Ajv, TypeBox's Value for REGULA_SEED, any
// JSON Schema tool reading docs/seed.schema.json) gives the same answer.
const RedirectUri = Type.String({
  pattern: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$",
  minLength: 1,
  maxLength: 2000,
});
const Scope = Type.String({ pattern: "^[A-Za-z0-9_:.-]{1,100}$" });

export const CreateApplicationBody = Type.Object(
  {
    id: Type.Optional(NumericId),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    redirectUris: Type.Array(RedirectUri, { maxItems: 50, default: [] }),
    permissions: Type.Optional(Type.Array(Scope, { maxItems: 50 })),
    refreshTokens: Type.Optional(Type.Boolean()),
    clientCredentials: Type.Optional(Type.Boolean()),
    clientId: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_-]{4,64}$" })),
    clientSecret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    clientSecretHash: Type.Optional(Type.String({ pattern: "^[0-9a-f]{64}$" })),
  },
  { additionalProperties: false },
);
export type CreateApplicationBody = Static<typeof CreateApplicationBody>;

export const ApplicationView = Type.Object({
  id: Type.String(),
  urn: Type.String(),
  name: Type.String(),
  clientId: Type.String(),
  clientSecret: Type.Optional(Type.String()),
  redirectUris: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  refreshTokens: Type.Boolean(),
  clientCredentials: Type.Boolean(),
  createdAt: Type.Integer(),
});
export type ApplicationView = Static<typeof ApplicationView>;

export const CreateMemberBody = Type.Object(
  {
    id: Type.Optional(PersonId),
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    lastName: Type.String({ minLength: 0, maxLength: 100, default: "" }),
    salesNavigator: Type.Optional(Type.Boolean()),
    salesIdentityId: Type.Optional(NumericId),
  },
  { additionalProperties: false },
);
export type CreateMemberBody = Static<typeof CreateMemberBody>;

export const MemberView = Type.Object({
  id: Type.String(),
  urn: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  salesIdentity: Type.Optional(Type.String()),
  createdAt: Type.Integer(),
});
export type MemberView = Static<typeof MemberView>;

export const AuthorizationHistoryView = Type.Object({
  application: Type.String(),
  applicationUrn: Type.String(),
  regulatedAt: Type.Integer(),
  optInCause: Type.String(),
  optedOutAt: Type.Union([Type.Integer(), Type.Null()]),
  optOutCause: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type AuthorizationHistoryView = Static<typeof AuthorizationHistoryView>;

export const ClockBody = Type.Union([
  Type.Object({ advanceMs: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  Type.Object({ setTo: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  Type.Object({ freeze: Type.Boolean() }, { additionalProperties: false }),
]);
export type ClockBody = Static<typeof ClockBody>;

export const ClockView = Type.Object({
  now: Type.Integer(),
  mode: Type.Union([Type.Literal("system"), Type.Literal("frozen"), Type.Literal("offset")]),
});
export type ClockView = Static<typeof ClockView>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export type IdParams = Static<typeof IdParams>;

const MemberUrn = Type.String({ pattern: "^urn:li:(person|salesIdentity):[A-Za-z0-9_-]{1,64}$" });

export const SendMessageBody = Type.Object(
  {
    from: MemberUrn,
    to: Type.Optional(Type.Array(MemberUrn, { minItems: 1, maxItems: 100 })),
    thread: Type.Optional(
      Type.String({ pattern: "^urn:li:messagingThread:[A-Za-z0-9_=+/-]{1,200}$" }),
    ),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    inMail: Type.Optional(Type.Boolean()),
    mailbox: Type.Optional(Type.Union([Type.Literal("SALES_NAVIGATOR"), Type.Literal("PERSONAL")])),
    attachments: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 255 }),
            mediaType: Type.String({ pattern: "^[a-z]+/[A-Za-z0-9.+-]+$" }),
            byteSize: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SendMessageBody = Static<typeof SendMessageBody>;

export const SendBatchBody = Type.Object(
  { messages: Type.Array(SendMessageBody, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

export const ThreadListQuery = Type.Object(
  {
    member: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })),
  },
  { additionalProperties: false },
);

/** A fault as the control plane takes it (sandbox.md, Faults). */
export const FaultBody = Type.Object(
  {
    match: Type.Object(
      {
        method: Type.Optional(Type.String({ pattern: "^[A-Za-z]{3,7}$" })),
        /** Exact path, or a prefix ending in `*`. Queries are ignored. */
        path: Type.Optional(Type.String({ pattern: "^/(rest|v2|oauth)(/.*)?$", maxLength: 500 })),
      },
      { additionalProperties: false },
    ),
    respond: Type.Union([
      Type.Object(
        {
          status: Type.Integer({ minimum: 400, maximum: 599 }),
          retryAfter: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        { delayMs: Type.Integer({ minimum: 1, maximum: 60_000 }) },
        { additionalProperties: false },
      ),
    ]),
    times: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295 })),
  },
  { additionalProperties: false },
);
export type FaultBody = Static<typeof FaultBody>;
