/** The control plane's JSON, as the console reads it (docs: spec/sandbox.md). */

export interface ApplicationView {
  id: string;
  urn: string;
  name: string;
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  permissions: string[];
  refreshTokens: boolean;
  clientCredentials: boolean;
  createdAt: number;
}

export interface MemberView {
  id: string;
  urn: string;
  firstName: string;
  lastName: string;
  salesIdentity?: string;
  createdAt: number;
}

export interface AuthorizationInterval {
  application: string;
  applicationUrn: string;
  regulatedAt: number;
  optInCause: string;
  optedOutAt: number | null;
  optOutCause: string | null;
  active: boolean;
}

export interface MemberDetail extends MemberView {
  /** Every opt-in interval, newest first. */
  authorizations: AuthorizationInterval[];
}

export interface ClockView {
  now: number;
  mode: "system" | "frozen" | "offset";
}

export interface Participant {
  member: string;
  identity: string;
  joinedAt: number;
}

export interface Attachment {
  name: string;
  mediaType: string;
  byteSize: number;
}

export interface ThreadMessage {
  id: string;
  from: string;
  author: string;
  mailbox: string;
  inMail: boolean;
  subject: string | null;
  text: string;
  attachments: Attachment[];
  createdAt: number;
}

export interface ThreadView {
  id: string;
  urn: string;
  subject: string | null;
  createdAt: number;
  lastMessageAt: number;
  creator: string;
  participants: Participant[];
  messages?: ThreadMessage[];
}

export interface SentMessage {
  id: string;
  thread: string;
  createdAt: number;
  capturedFor: Array<{ owner: string; application: string }>;
}

/** One compliance event record (spec/events.md); only the fields the console shows are typed. */
export interface ComplianceEvent {
  id: number;
  owner: string;
  actor: string;
  resourceId: string;
  capturedAt: number;
  processedAt: number;
  activity: {
    thread: string;
    subject?: string;
    content?: { fallback?: string };
    attachments?: string[];
  };
  [field: string]: unknown;
}

export interface EventStream {
  elements: ComplianceEvent[];
  hasMore: boolean;
  windowStart: number;
  /** Every event of the stream in the window now. */
  total: number;
  /** Offset of the first element, oldest first. */
  start: number;
}

export interface ElementList<T> {
  elements: T[];
}

/** A fault as `GET /sandbox/faults` lists it (sandbox.md, Faults). */
export interface FaultView {
  id: string;
  match: { method?: string; path?: string };
  respond: { status: number; retryAfter?: number } | { delayMs: number };
  times?: number;
  probability?: number;
  seed?: number;
  /** Firings left for a `times` fault; null when it fires by probability or always. */
  remaining: number | null;
  hits: number;
}

/** One answered call to `/rest`, `/v2` or `/oauth` (sandbox.md, Journal). */
export interface JournalEntryView {
  at: number;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  application: string | null;
  member: string | null;
  fault: string | null;
}

/** A named snapshot of the world kept in the store. */
export interface SnapshotView {
  name: string;
  createdAt: number;
  [field: string]: unknown;
}
