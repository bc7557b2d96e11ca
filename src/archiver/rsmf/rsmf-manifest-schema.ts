import { type Static, Type } from "@sinclair/typebox";

/**
 * Our own JSON Schema (TypeBox) for an RSMF 2.0.0 `rsmf_manifest.json`, written from the
 * published structure of the format: participants, conversations and events, each with
 * optional `custom` name/value pairs. Checks a schema cannot express (unique ids, references)
 * live in `check-rsmf-manifest.ts`.
 */
const Custom = Type.Array(Type.Object({ name: Type.String(), value: Type.String() }));
const DateTime = Type.String({
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$",
});

export const RsmfParticipant = Type.Object({
  id: Type.String({ minLength: 1 }),
  display: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  avatar: Type.Optional(Type.String()),
  account_id: Type.Optional(Type.String()),
  custom: Type.Optional(Custom),
});

export const RsmfConversation = Type.Object({
  id: Type.String({ minLength: 1 }),
  platform: Type.String({ minLength: 1 }),
  participants: Type.Array(Type.String()),
  display: Type.Optional(Type.String()),
  type: Type.Optional(Type.Union([Type.Literal("direct"), Type.Literal("channel")])),
  custodian: Type.Optional(Type.String()),
  custom: Type.Optional(Custom),
  icon: Type.Optional(Type.String()),
});

export const RsmfAttachment = Type.Object({
  id: Type.String({ minLength: 1 }),
  display: Type.String(),
  size: Type.Integer({ minimum: 0 }),
});

export const RsmfEvent = Type.Object({
  type: Type.Union(
    ["message", "disclaimer", "join", "leave", "history", "unknown"].map((t) => Type.Literal(t)),
  ),
  id: Type.Optional(Type.String({ minLength: 1 })),
  parent: Type.Optional(Type.String()),
  body: Type.Optional(Type.String()),
  participant: Type.Optional(Type.String()),
  conversation: Type.Optional(Type.String()),
  timestamp: Type.Optional(DateTime),
  deleted: Type.Optional(Type.Boolean()),
  importance: Type.Optional(Type.Union([Type.Literal("normal"), Type.Literal("high")])),
  direction: Type.Optional(Type.Union([Type.Literal("incoming"), Type.Literal("outgoing")])),
  reactions: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  attachments: Type.Optional(Type.Array(RsmfAttachment)),
  edits: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  read_receipts: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  custom: Type.Optional(Custom),
});

export const RsmfManifest = Type.Object({
  version: Type.String({ minLength: 5 }),
  participants: Type.Array(RsmfParticipant),
  conversations: Type.Array(RsmfConversation),
  events: Type.Array(RsmfEvent),
  eventcollectionid: Type.Optional(Type.String()),
});

export type RsmfManifest = Static<typeof RsmfManifest>;
export type RsmfEvent = Static<typeof RsmfEvent>;
