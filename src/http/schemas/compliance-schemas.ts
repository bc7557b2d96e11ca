import { type Static, Type } from "@sinclair/typebox";

/**
 * The JSON of the LinkedIn-compatible `/rest` resources (spec §4, §7, events.md). TypeBox
 * only, no Node imports: the server documents its routes with these and the console
 * imports their static types.
 */

const PersonUrn = Type.String({ pattern: "^urn:li:person:", description: "urn:li:person:{id}" });
const EpochMs = Type.Integer({ minimum: 0, description: "Epoch milliseconds" });

export const MemberComplianceAuthorizationKey = Type.Object({
  developerApplication: Type.String({
    pattern: "^urn:li:developerApplication:",
    description: "urn:li:developerApplication:{id}",
  }),
  member: PersonUrn,
});

export const MemberComplianceAuthorization = Type.Object(
  {
    memberComplianceAuthorizationKey: MemberComplianceAuthorizationKey,
    regulatedAt: Type.Integer({
      minimum: 0,
      description: "From when communications are captured (epoch ms)",
    }),
    memberComplianceScopes: Type.Array(Type.Literal("SALES_NAV")),
  },
  { description: "The member's open compliance authorization for the token's application" },
);
export type MemberComplianceAuthorization = Static<typeof MemberComplianceAuthorization>;

const Link = Type.Object({
  rel: Type.String(),
  type: Type.String(),
  href: Type.String(),
});

export const Paging = Type.Object({
  start: Type.Integer({ minimum: 0 }),
  count: Type.Integer({ minimum: 0 }),
  total: Type.Optional(Type.Integer({ minimum: 0 })),
  links: Type.Array(Link, { description: 'A `rel: "next"` link when more elements exist' }),
});

export const AuthorizationCollection = Type.Object({
  elements: Type.Array(MemberComplianceAuthorization, {
    maxItems: 1,
    description: "Empty when the member is not opted in for the token's application",
  }),
  paging: Paging,
});

const MessageContent = Type.Object({
  format: Type.String(),
  fallback: Type.String(),
  formatVersion: Type.Integer(),
  content: Type.Object({ string: Type.String() }),
});

/** A captured message as the event record carries it (events.md, `activity`). */
export const MessageActivity = Type.Object(
  {
    $URN: Type.String({ description: "urn:li:messagingMessage:{id}" }),
    id: Type.String(),
    owner: PersonUrn,
    author: Type.String({ description: "The sending mailbox: salesIdentity or person URN" }),
    thread: Type.String({ description: "urn:li:messagingThread:{id}" }),
    createdAt: EpochMs,
    deliveredAt: EpochMs,
    content: MessageContent,
    attachments: Type.Array(Type.String({ description: "urn:li:digitalmediaAsset:{id}" })),
    subject: Type.Optional(Type.String({ description: "InMail subject (Regula's extension)" })),
  },
  // processedActivity adds `owner~`, `author~`, `thread~` and `attachments~` decorations.
  { additionalProperties: true },
);
export type MessageActivity = Static<typeof MessageActivity>;

/** One compliance event record (events.md), every field present. */
export const ComplianceEvent = Type.Object(
  {
    id: Type.Integer({ description: "Unique event id; the archiver's deduplication key" }),
    owner: PersonUrn,
    actor: PersonUrn,
    resourceName: Type.Literal("messages"),
    resourceId: Type.String({ description: "The message id" }),
    resourceUri: Type.String({ description: "/messages/{resourceId}" }),
    method: Type.Literal("CREATE"),
    configVersion: Type.Integer(),
    activityId: Type.String({ description: "One UUID per message, shared by every owner's copy" }),
    activityStatus: Type.Union([
      Type.Literal("SUCCESS"),
      Type.Literal("FAILURE"),
      Type.Literal("SUCCESSFUL_REPLAY"),
    ]),
    capturedAt: EpochMs,
    processedAt: Type.Integer({
      minimum: 0,
      description: "When the event became visible (epoch ms): the polling cursor",
    }),
    activity: MessageActivity,
    processedActivity: MessageActivity,
    siblingActivities: Type.Array(MessageActivity, {
      maxItems: 10,
      description: "Previous messages of the thread, newest first",
    }),
    parentSiblingActivities: Type.Array(MessageActivity),
  },
  { additionalProperties: false },
);

export type ComplianceEvent = Static<typeof ComplianceEvent>;

// Rest.li projections reach into objects too (`fields=id,activity:(id,owner)`).
const ProjectedActivity = Type.Partial(MessageActivity, { additionalProperties: true });

/**
 * An element of a page of events: the whole record unless the request projected it with
 * `fields`, which keeps only the named fields, at any depth; so no field is required.
 */
export const ProjectedComplianceEvent = Type.Partial(
  Type.Object({
    ...ComplianceEvent.properties,
    activity: ProjectedActivity,
    processedActivity: ProjectedActivity,
    siblingActivities: Type.Array(ProjectedActivity),
    parentSiblingActivities: Type.Array(ProjectedActivity),
  }),
  { additionalProperties: false },
);

export const ComplianceEventPage = Type.Object({
  elements: Type.Array(ProjectedComplianceEvent),
  paging: Paging,
});
