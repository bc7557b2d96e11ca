import type { ComplianceEvent } from "../compliance-event.js";
import {
  encodeParameter,
  encodeUnstructured,
  foldHeader,
  formatMailbox,
  singleLine,
} from "./header-encoding.js";
import { formatRfc5322Date } from "./rfc5322-date.js";

/**
 * One archived message as an RFC 5322 email for review tools. Members have no email
 * addresses, so each person gets `<personId>@person.linkedin.invalid` (`.invalid` can never
 * deliver, RFC 2606). LinkedIn's own identifiers ride in `X-LinkedIn-*` headers; attachments
 * are listed as `X-LinkedIn-Attachment` headers, since the API gives their metadata, not
 * their bytes.
 */
export function buildMessageEml(event: ComplianceEvent): { fileName: string; content: string } {
  const activity = record(event.activity);
  const processed = record(event.processedActivity);
  const messageId = text(activity.id) || text(event.resourceId);
  const sender = text(activity.owner);
  const createdAt = typeof activity.createdAt === "number" ? activity.createdAt : event.processedAt;
  const body = messageText(activity);
  const siblings = Array.isArray(event.siblingActivities) ? event.siblingActivities : [];
  const earlierIds = siblings.map((s) => text(record(s).id)).filter(Boolean);
  const subject = messageSubject(activity, siblings, body);

  const headers: Array<[string, string]> = [
    ["From", formatMailbox(profileName(processed["owner~"]), personAddress(sender))],
    ["To", recipients(processed, sender, event.owner)],
    ["Date", formatRfc5322Date(createdAt)],
    // Date: carries whole seconds only; the exact time rides in a header of our own.
    ["X-Regula-Created-At", String(createdAt)],
    ["Subject", encodeUnstructured(subject)],
    ["Message-ID", messageIdHeader(messageId)],
  ];
  if (earlierIds[0]) {
    headers.push(["In-Reply-To", messageIdHeader(earlierIds[0])]);
    headers.push(["References", [...earlierIds].reverse().map(messageIdHeader).join(" ")]);
  }
  headers.push(
    ["X-LinkedIn-Thread", singleLine(text(activity.thread))],
    ["X-LinkedIn-Activity-Id", singleLine(text(event.activityId))],
    ["X-LinkedIn-Message", singleLine(text(activity.$URN))],
    ["X-LinkedIn-Author", singleLine(text(activity.author))],
    ["X-LinkedIn-Event-Id", String(event.id)],
    ["X-LinkedIn-Direction", event.actor === event.owner ? "outbound" : "inbound"],
    ["X-Regula-Owner", singleLine(event.owner)],
  );
  for (const attachment of attachments(processed))
    headers.push(["X-LinkedIn-Attachment", attachment]);
  const ascii = /^[\x20-\x7e\r\n\t]*$/.test(body) && body.split("\n").every((l) => l.length < 990);
  headers.push(
    ["MIME-Version", "1.0"],
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Transfer-Encoding", ascii ? "7bit" : "base64"],
  );

  const crlfBody = body.replace(/\r\n|\r|\n/g, "\r\n");
  const encodedBody = ascii
    ? crlfBody
    : (
        Buffer.from(crlfBody, "utf8")
          .toString("base64")
          .match(/.{1,76}/g) ?? []
      ).join("\r\n");
  const head = headers.map(([name, value]) => foldHeader(name, value)).join("\r\n");
  return {
    fileName: `${compactTimestamp(createdAt)}-${event.id}.eml`,
    // No CRLF after a 7-bit body: it would read back as a trailing newline of the text.
    content: `${head}\r\n\r\n${encodedBody}${ascii ? "" : "\r\n"}`,
  };
}

/** The thread's participants other than the sender, or the owner for an inbound message. */
function recipients(processed: Record<string, unknown>, sender: string, owner: string): string {
  const membership = record(processed["thread~"]).membership;
  const people = new Map<string, string>();
  for (const entry of Array.isArray(membership) ? membership : []) {
    const profile = record(record(entry)["identity~"]);
    const identity = text(record(entry).identity);
    const person = text(profile.member) || (identity.startsWith("urn:li:person:") ? identity : "");
    if (person && person !== sender) people.set(person, profileName(profile));
  }
  if (people.size === 0 && owner !== sender) people.set(owner, "");
  if (people.size === 0) return "undisclosed-recipients:;";
  return [...people].map(([urn, name]) => formatMailbox(name, personAddress(urn))).join(", ");
}

function attachments(processed: Record<string, unknown>): string[] {
  const list = processed["attachments~"];
  return (Array.isArray(list) ? list : []).map((item) => {
    const a = record(item);
    const size = typeof a.byteSize === "number" ? a.byteSize : 0;
    const mediaType = singleLine(text(a.mediaType)) || "application/octet-stream";
    // Quoted (RFC 2045 tspecials `/` and `:`), or parsers cut the value at the first one.
    return [
      encodeParameter("name", text(a.name)),
      encodeParameter("media-type", mediaType),
      `size=${size}`,
      encodeParameter("urn", text(a.id)),
    ].join("; ");
  });
}

/**
 * The message's own subject; a reply takes `Re: ` and the subject of the earliest message
 * of its thread that has one (as mail clients do); else the first words of the text.
 */
function messageSubject(activity: Record<string, unknown>, siblings: unknown[], body: string) {
  const own = text(activity.subject);
  if (own) return own;
  const threadSubject = [...siblings]
    .map((s) => text(record(s).subject))
    .filter(Boolean)
    .pop();
  if (threadSubject) return /^re:/i.test(threadSubject) ? threadSubject : `Re: ${threadSubject}`;
  return siblings.length > 0 ? `Re: ${firstWords(body)}` : firstWords(body);
}

function messageText(activity: Record<string, unknown>): string {
  const content = record(activity.content);
  return text(record(content.content).string) || text(content.fallback);
}

/**
 * Up to eight words and 60 characters of the text, for messages without a subject. The
 * ellipsis is ASCII so that an ASCII message keeps a readable, unencoded Subject.
 */
function firstWords(body: string): string {
  const flat = singleLine(body);
  const words = flat.split(" ").filter(Boolean);
  let subject = "";
  for (const word of words.slice(0, 8)) {
    if (subject.length + word.length + 1 > 60) break;
    subject = subject ? `${subject} ${word}` : word;
  }
  if (!subject) return words.length ? `${Array.from(flat).slice(0, 57).join("")}...` : "(no text)";
  return subject.length < flat.length ? `${subject}...` : subject;
}

/** A dot-atom id is used as is; anything else is hex-encoded (still reversible). */
function messageIdHeader(id: string): string {
  const dotAtom = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
  const left = dotAtom.test(id) ? id : `x${Buffer.from(id, "utf8").toString("hex")}`;
  return `<${left}@messages.linkedin.invalid>`;
}

function personAddress(personUrn: string): string {
  const id = personUrn.replace(/^urn:li:person:/, "");
  const local = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/.test(id)
    ? id
    : `x${Buffer.from(id, "utf8").toString("hex")}`;
  return `${local}@person.linkedin.invalid`;
}

function profileName(profile: unknown): string {
  const p = record(profile);
  return `${text(p.localizedFirstName)} ${text(p.localizedLastName)}`.trim();
}

function compactTimestamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
