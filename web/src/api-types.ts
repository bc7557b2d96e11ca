/**
 * The control plane's JSON, as the console reads it: the server's own schema types
 * (src/sandbox/schemas.ts, src/sandbox/view-schemas.ts), so the two cannot drift. Type-only
 * imports: nothing of the server ends up in the bundle.
 */

export type { ComplianceEvent } from "../../src/http/schemas/compliance-schemas.js";
export type {
  ApplicationView,
  AuthorizationHistoryView as AuthorizationInterval,
  ClockView,
  MemberView,
} from "../../src/sandbox/schemas.js";
export type {
  Attachment,
  EventStream,
  FaultView,
  JournalEntryView,
  MemberDetail,
  Participant,
  SentMessage,
  SnapshotView,
  ThreadMessage,
  ThreadView,
} from "../../src/sandbox/view-schemas.js";

/** `{elements: [...]}`: the control plane's lists. */
export interface ElementList<T> {
  elements: T[];
}
