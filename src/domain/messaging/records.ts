/** Sales Navigator messaging as the domain sees it (spec §5). */

export type Mailbox = "SALES_NAVIGATOR" | "PERSONAL";

export interface Attachment {
  /** `urn:li:digitalmediaAsset:{id}` */
  id: string;
  name: string;
  mediaType: string;
  byteSize: number;
}

export interface ThreadParticipant {
  memberId: string;
  /** The participant's mailbox URN in this thread: a sales identity or a person URN. */
  identity: string;
  joinedAt: number;
}

export interface Thread {
  id: string;
  creatorMemberId: string;
  creatorIdentity: string;
  subject: string | null;
  createdAt: number;
  lastMessageAt: number;
  participants: ThreadParticipant[];
}

/** A message to store: validated, ids chosen, time not yet assigned (capture assigns it). */
export interface MessageDraft {
  id: string;
  activityId: string;
  senderMemberId: string;
  /** The sending mailbox: the sender's sales identity URN, or person URN for PERSONAL. */
  authorIdentity: string;
  mailbox: Mailbox;
  inMail: boolean;
  subject: string | null;
  text: string;
  attachments: Attachment[];
  /** A new thread with its recipients, or a reply into an existing one. */
  thread:
    | { kind: "new"; id: string; participants: Array<{ memberId: string; identity: string }> }
    | { kind: "reply"; id: string };
}

export interface StoredMessage {
  id: string;
  threadId: string;
  senderMemberId: string;
  authorIdentity: string;
  mailbox: Mailbox;
  inMail: boolean;
  subject: string | null;
  text: string;
  attachments: Attachment[];
  activityId: string;
  createdAt: number;
  deliveredAt: number;
}

/** One compliance event the capture produced: a message copy for one owner and one application. */
export interface CapturedFor {
  owner: string;
  application: string;
}

export interface CaptureResult {
  message: StoredMessage;
  capturedFor: CapturedFor[];
}
