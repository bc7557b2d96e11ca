import { randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "../../clock.js";
import { AppError } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { mediaAssetUrn, personUrn, salesIdentityUrn, urnId } from "../../urn.js";
import { captureRefusalError } from "../capture/capture-refusal.js";
import { type CaptureVariant, stampBeforeLock } from "../capture/capture-variant.js";
import { type CapturePlanner, planCapture } from "../capture/plan-capture.js";
import type { Member } from "../records.js";
import { buildActivity, buildProcessedActivity } from "./activity-document.js";
import type { CaptureResult, Mailbox, MessageDraft } from "./records.js";

/** A message as the control plane and console send it (sandbox.md, Messages). */
export interface SendMessageInput {
  from: string;
  to?: string[];
  thread?: string;
  text: string;
  subject?: string;
  inMail?: boolean;
  mailbox?: Mailbox;
  attachments?: Array<{ name: string; mediaType: string; byteSize: number }>;
}

/** Up to this many messages go into one capture transaction. */
export const MAX_BATCH = 1000;

/**
 * Sends messages the way Sales Navigator would, all in one transaction: each is stored and,
 * for every participant regulated at that moment, captured as one event per application.
 */
export async function sendMessages(
  inputs: readonly SendMessageInput[],
  deps: { store: Store; clock?: Clock; captureVariant?: CaptureVariant },
): Promise<CaptureResult[]> {
  if (inputs.length === 0) return [];
  if (inputs.length > MAX_BATCH)
    throw new AppError("INVALID_BODY", `At most ${MAX_BATCH} messages per batch`);
  const members = await resolveMembers(inputs, deps.store);
  const drafts = inputs.map((input, index) => toDraft(input, index, members));
  let planner: CapturePlanner = (snapshot) =>
    planCapture(drafts, snapshot, (message, thread, profiles) => ({
      activity: buildActivity(message),
      processedActivity: buildProcessedActivity(message, thread, profiles),
    }));
  // Test only (capture-variant.ts): the broken ordering the concurrency checker must catch.
  if (deps.captureVariant === "stamp-before-lock" && deps.clock)
    planner = await stampBeforeLock(deps.clock, planner);
  const outcome = await deps.store.messaging.storeMessages(drafts, planner);
  if (!outcome.ok) throw captureRefusalError(outcome.refusal);
  return outcome.results;
}

/** Reads every member named by person or sales identity URN; unknown ones are a 400. */
async function resolveMembers(
  inputs: readonly SendMessageInput[],
  store: Store,
): Promise<Map<string, Member>> {
  const urns = new Set<string>();
  for (const input of inputs) {
    urns.add(input.from);
    for (const to of input.to ?? []) urns.add(to);
  }
  const resolved = new Map<string, Member>();
  const personIds = [...urns]
    .map((u) => urnId(u, "person"))
    .filter((id): id is string => id !== null);
  for (const member of await store.members.findByIds(personIds))
    resolved.set(personUrn(member.id), member);
  for (const urn of urns) {
    if (resolved.has(urn)) continue;
    const salesId = urnId(urn, "salesIdentity");
    const member = salesId ? await store.members.findBySalesIdentity(salesId) : null;
    if (!member)
      throw new AppError(
        "INVALID_BODY",
        `Unknown member ${urn}: use a urn:li:person or urn:li:salesIdentity URN`,
      );
    resolved.set(urn, member);
  }
  return resolved;
}

function toDraft(
  input: SendMessageInput,
  index: number,
  members: Map<string, Member>,
): MessageDraft {
  const where = `messages[${index}]`;
  const sender = members.get(input.from)!;
  const mailbox = input.mailbox ?? "SALES_NAVIGATOR";
  if (mailbox === "SALES_NAVIGATOR" && !sender.salesIdentityId) {
    throw new AppError(
      "INVALID_BODY",
      `${where}: ${input.from} has no Sales Navigator seat; send with mailbox PERSONAL`,
    );
  }
  if ((input.to === undefined) === (input.thread === undefined)) {
    throw new AppError(
      "INVALID_BODY",
      `${where}: give either "to" (a new thread) or "thread" (a reply)`,
    );
  }
  const authorIdentity = mailboxIdentity(sender, mailbox);
  const base = {
    id: newId(),
    activityId: randomUUID(),
    senderMemberId: sender.id,
    authorIdentity,
    mailbox,
    inMail: input.inMail ?? false,
    subject: input.subject ?? null,
    text: input.text,
    attachments: (input.attachments ?? []).map((a) => ({ id: mediaAssetUrn(newAssetId()), ...a })),
  };
  if (input.thread !== undefined) {
    const threadId = urnId(input.thread, "messagingThread");
    if (!threadId)
      throw new AppError("INVALID_BODY", `${where}: thread must be a urn:li:messagingThread URN`);
    return { ...base, thread: { kind: "reply", id: threadId } };
  }
  const recipients = [
    ...new Map(input.to!.map((u) => [members.get(u)!.id, members.get(u)!])).values(),
  ].filter((m) => m.id !== sender.id);
  if (recipients.length === 0)
    throw new AppError("INVALID_BODY", `${where}: "to" needs at least one other member`);
  const threadId = newId();
  return {
    ...base,
    thread: {
      kind: "new",
      id: threadId,
      participants: [
        { memberId: sender.id, identity: authorIdentity },
        ...recipients.map((r) => ({
          memberId: r.id,
          identity: mailboxIdentity(r, r.salesIdentityId ? "SALES_NAVIGATOR" : "PERSONAL"),
        })),
      ],
    },
  };
}

/** A member's mailbox URN: their sales identity in Sales Navigator, their person URN otherwise. */
export function mailboxIdentity(member: Member, mailbox: Mailbox): string {
  return mailbox === "SALES_NAVIGATOR" && member.salesIdentityId
    ? salesIdentityUrn(member.salesIdentityId)
    : personUrn(member.id);
}

/** Message and thread ids in LinkedIn's shape: a version digit, a dash, base64url. */
function newId(): string {
  return `2-${randomBytes(18).toString("base64url")}`;
}

function newAssetId(): string {
  return `D4E10AQ${randomBytes(9).toString("base64url")}`;
}
