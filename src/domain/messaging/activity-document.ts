import { messageUrn, personUrn, threadUrn, urnId } from "../../urn.js";
import type { Member } from "../records.js";
import type { StoredMessage, Thread } from "./records.js";

/** The `activity` of a compliance event: the message as captured (events.md). */
export interface Activity {
  $URN: string;
  id: string;
  owner: string;
  author: string;
  thread: string;
  createdAt: number;
  deliveredAt: number;
  content: { format: "TEXT"; fallback: string; formatVersion: 1; content: { string: string } };
  attachments: string[];
  subject?: string;
}

export type ProcessedActivity = Activity & Record<string, unknown>;

/** Builds `activity`: `owner` and `author` describe the sender's mailbox, as LinkedIn documents. */
export function buildActivity(message: StoredMessage): Activity {
  return {
    $URN: messageUrn(message.id),
    id: message.id,
    owner: personUrn(message.senderMemberId),
    author: message.authorIdentity,
    thread: threadUrn(message.threadId),
    createdAt: message.createdAt,
    deliveredAt: message.deliveredAt,
    content: {
      format: "TEXT",
      fallback: message.text,
      formatVersion: 1,
      content: { string: message.text },
    },
    attachments: message.attachments.map((a) => a.id),
    ...(message.subject === null ? {} : { subject: message.subject }),
  };
}

/**
 * Builds `processedActivity`: the activity decorated with the profiles of its owner and
 * author (`owner~`, `author~`), the thread's membership (`thread~`) and attachment details.
 */
export function buildProcessedActivity(
  message: StoredMessage,
  thread: Thread,
  profiles: ReadonlyMap<string, Member>,
): ProcessedActivity {
  const activity = buildActivity(message);
  return {
    ...activity,
    "owner~": personProfile(message.senderMemberId, profiles),
    "author~": identityProfile(message.authorIdentity, message.senderMemberId, profiles),
    "thread~": {
      owner: thread.creatorIdentity,
      membership: thread.participants.map((p) => ({
        identity: p.identity,
        createdAt: p.joinedAt,
        "identity~": identityProfile(p.identity, p.memberId, profiles),
      })),
    },
    "attachments~": message.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      mediaType: a.mediaType,
      byteSize: a.byteSize,
    })),
  };
}

function personProfile(memberId: string, profiles: ReadonlyMap<string, Member>) {
  const member = profiles.get(memberId);
  return {
    localizedFirstName: member?.firstName ?? "",
    localizedLastName: member?.lastName ?? "",
    id: memberId,
  };
}

function identityProfile(
  identity: string,
  memberId: string,
  profiles: ReadonlyMap<string, Member>,
) {
  const salesId = urnId(identity, "salesIdentity");
  const profile = personProfile(memberId, profiles);
  return salesId === null ? profile : { ...profile, id: salesId, member: personUrn(memberId) };
}
