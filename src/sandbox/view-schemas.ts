import { type Static, Type } from "@sinclair/typebox";
import { ComplianceEvent } from "../http/schemas/compliance-schemas.js";
import { TokenResponse } from "../http/schemas/oauth-schemas.js";
import { AuthorizationHistoryView, FaultBody, MemberView } from "./schemas.js";

/**
 * What the control plane answers (sandbox.md), one schema per view: the routes document
 * their responses with these, the contract test checks answers against them, and the
 * console imports their static types. TypeBox only, no Node imports.
 */

export const PermittedApplicationView = Type.Object(
  {
    application: Type.String({ description: "The application's id" }),
    scopes: Type.Array(Type.String()),
    grantedAt: Type.Integer(),
  },
  { additionalProperties: false },
);

export const MemberDetail = Type.Composite(
  [
    MemberView,
    Type.Object({
      authorizations: Type.Array(AuthorizationHistoryView, {
        description: "Every opt-in interval with its causes",
      }),
      permittedApplications: Type.Array(PermittedApplicationView, {
        description: "The OAuth grants the member gave",
      }),
    }),
  ],
  { additionalProperties: false },
);
export type MemberDetail = Static<typeof MemberDetail>;

export const CapturedFor = Type.Object(
  { owner: Type.String(), application: Type.String() },
  { additionalProperties: false },
);

export const SentMessage = Type.Object(
  {
    id: Type.String(),
    urn: Type.String(),
    thread: Type.String(),
    createdAt: Type.Integer(),
    capturedFor: Type.Array(CapturedFor, { description: "The events this message produced" }),
  },
  { additionalProperties: false },
);
export type SentMessage = Static<typeof SentMessage>;

export const SentBatch = Type.Object(
  { results: Type.Array(SentMessage) },
  { additionalProperties: false },
);

export const Attachment = Type.Object(
  {
    id: Type.String({ description: "urn:li:digitalmediaAsset:{id}" }),
    name: Type.String(),
    mediaType: Type.String(),
    byteSize: Type.Integer(),
  },
  { additionalProperties: false },
);
export type Attachment = Static<typeof Attachment>;

export const Participant = Type.Object(
  { member: Type.String(), identity: Type.String(), joinedAt: Type.Integer() },
  { additionalProperties: false },
);
export type Participant = Static<typeof Participant>;

export const ThreadMessage = Type.Object(
  {
    id: Type.String(),
    urn: Type.String(),
    from: Type.String(),
    author: Type.String(),
    mailbox: Type.String(),
    inMail: Type.Boolean(),
    subject: Type.Union([Type.String(), Type.Null()]),
    text: Type.String(),
    attachments: Type.Array(Attachment),
    createdAt: Type.Integer(),
    deliveredAt: Type.Integer(),
  },
  { additionalProperties: false },
);
export type ThreadMessage = Static<typeof ThreadMessage>;

export const ThreadView = Type.Object(
  {
    id: Type.String(),
    urn: Type.String(),
    subject: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Integer(),
    lastMessageAt: Type.Integer(),
    creator: Type.String(),
    participants: Type.Array(Participant),
    messages: Type.Optional(Type.Array(ThreadMessage, { description: "Only for one thread" })),
  },
  { additionalProperties: false },
);
export type ThreadView = Static<typeof ThreadView>;

export const FaultCreated = Type.Object({ id: Type.String() }, { additionalProperties: false });

export const FaultView = Type.Composite(
  [
    FaultBody,
    Type.Object({
      id: Type.String(),
      remaining: Type.Union([Type.Integer(), Type.Null()], {
        description: "Firings left for a `times` fault; null otherwise",
      }),
      hits: Type.Integer(),
    }),
  ],
  { additionalProperties: false },
);
export type FaultView = Static<typeof FaultView>;

export const JournalEntryView = Type.Object(
  {
    at: Type.Integer(),
    method: Type.String(),
    path: Type.String({ description: "Secret-bearing query values are REDACTED" }),
    status: Type.Integer(),
    durationMs: Type.Number(),
    application: Type.Union([Type.String(), Type.Null()]),
    member: Type.Union([Type.String(), Type.Null()]),
    fault: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type JournalEntryView = Static<typeof JournalEntryView>;

export const SnapshotView = Type.Object(
  {
    name: Type.String(),
    createdAt: Type.Integer({ description: "Virtual time the snapshot was taken (epoch ms)" }),
    messages: Type.Integer(),
    events: Type.Integer(),
  },
  { additionalProperties: false },
);
export type SnapshotView = Static<typeof SnapshotView>;

export const EventStream = Type.Object(
  {
    elements: Type.Array(ComplianceEvent),
    hasMore: Type.Boolean(),
    windowStart: Type.Integer({ description: "The oldest processedAt readable now" }),
    total: Type.Integer({ description: "Every event of the stream in the window now" }),
    start: Type.Integer({ description: "Offset of the first element, oldest first" }),
  },
  { additionalProperties: false },
);
export type EventStream = Static<typeof EventStream>;

export const IssuedToken = TokenResponse;
export const IssuedCode = Type.Object({ code: Type.String() }, { additionalProperties: false });

/** `{elements: [...]}`: the control plane's lists. */
export function elementList<T extends Parameters<typeof Type.Array>[0]>(element: T) {
  return Type.Object({ elements: Type.Array(element) }, { additionalProperties: false });
}

const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

export const CoverageEvent = Type.Object(
  {
    id: Type.Integer(),
    processedAt: Type.Integer(),
    firstServedAt: NullableInteger,
    stored: Type.Boolean({ description: "False once purged from the store" }),
  },
  { additionalProperties: false },
);

export const MemberCoverage = Type.Object(
  {
    member: Type.String(),
    captured: Type.Integer(),
    inWindow: Type.Integer(),
    served: Type.Integer(),
    neverServed: Type.Integer(),
    agedOutUnserved: Type.Integer(),
    oldestUnservedAgeMs: NullableInteger,
    daysUntilWindowCloses: Type.Union([Type.Number(), Type.Null()]),
    events: Type.Optional(Type.Array(CoverageEvent, { description: "With `events=true`" })),
  },
  { additionalProperties: false },
);

export const CoverageView = Type.Object(
  {
    application: Type.String(),
    now: Type.Integer(),
    windowStart: Type.Integer(),
    retentionDays: Type.Integer(),
    truncated: Type.Boolean({ description: "The in-memory record of served events is full" }),
    members: Type.Array(MemberCoverage),
  },
  { additionalProperties: false },
);

export const ObservedRequestView = Type.Object(
  {
    seq: Type.Integer(),
    arrivedAtMs: Type.Number({ description: "Host time the request arrived" }),
    answeredAtMs: Type.Number({ description: "Host time the answer was sent" }),
    virtualMs: Type.Number({ description: "Virtual time of the answer" }),
    method: Type.String(),
    path: Type.String(),
    status: Type.Integer(),
    retryAfter: Type.Union([Type.String(), Type.Null()]),
    linkedInVersion: Type.Boolean(),
    tokenTag: Type.Union([Type.String(), Type.Null()], {
      description: "First 16 hex digits of the bearer token's SHA-256",
    }),
    application: Type.Union([Type.String(), Type.Null()]),
    member: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
