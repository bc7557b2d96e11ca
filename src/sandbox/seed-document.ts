import { type Static, Type } from "@sinclair/typebox";
import { CreateApplicationBody, CreateMemberBody, SendMessageBody } from "./schemas.js";

/**
 * A world as data: applications, members, authorizations, then messages sent in order at
 * the current time (so they are captured for the authorizations above). The shapes are those of the control-plane calls, with caller-chosen ids allowed
 * so tests can be deterministic. `GET /sandbox/export` produces one; reset applies one.
 */
export const SeedAuthorization = Type.Object(
  {
    application: Type.String({ minLength: 1 }),
    member: Type.String({ minLength: 1 }),
    regulatedAt: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const SeedDocument = Type.Object(
  {
    applications: Type.Array(CreateApplicationBody, { default: [], maxItems: 10_000 }),
    members: Type.Array(CreateMemberBody, { default: [], maxItems: 100_000 }),
    authorizations: Type.Array(SeedAuthorization, { default: [], maxItems: 100_000 }),
    messages: Type.Array(SendMessageBody, { default: [], maxItems: 100_000 }),
  },
  { additionalProperties: false },
);
export type SeedDocument = Static<typeof SeedDocument>;
