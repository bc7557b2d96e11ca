import { DAY_MS } from "../../clock.js";
import type { ComplianceEvent } from "../compliance-event.js";
import type { RsmfEvent, RsmfManifest } from "./rsmf-manifest-schema.js";

/** One manifest to write, with the placeholder files its attachments name. */
export interface RsmfUnit {
  conversation: string;
  day: string | null;
  manifest: RsmfManifest;
  files: Map<string, Uint8Array>;
  begin: number;
  end: number;
}

/**
 * Archived message events of one member as RSMF 2.0 manifests: one `direct` conversation per
 * Sales Navigator thread, the member as custodian. With `slice`, one manifest per
 * conversation per UTC day, all sharing one `eventcollectionid` per conversation.
 */
export function buildRsmfManifests(
  events: ComplianceEvent[],
  custodian: string,
  options: { slice: boolean; generator?: string },
): RsmfUnit[] {
  const threads = new Map<string, ComplianceEvent[]>();
  const seen = new Set<string>();
  for (const event of events) {
    if (event.resourceName !== "messages") continue;
    const id = text(record(event.activity).id) || String(event.resourceId);
    if (seen.has(id)) continue;
    seen.add(id);
    const thread = text(record(event.activity).thread) || `thread-of-${id}`;
    threads.set(thread, [...(threads.get(thread) ?? []), event]);
  }
  const units: RsmfUnit[] = [];
  for (const [thread, list] of threads) {
    list.sort((a, b) => createdAt(a) - createdAt(b) || a.id - b.id);
    const groups = new Map<string, ComplianceEvent[]>();
    for (const e of list) {
      const key = options.slice ? new Date(createdAt(e)).toISOString().slice(0, 10) : "";
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const [day, group] of groups)
      units.push(buildUnit(thread, group, custodian, options.slice ? day : null));
  }
  return units;
}

function buildUnit(
  thread: string,
  list: ComplianceEvent[],
  custodian: string,
  day: string | null,
): RsmfUnit {
  const people = new Map<string, string>([[custodian, ""]]);
  const files = new Map<string, Uint8Array>();
  const events: RsmfEvent[] = [];
  let subject = "";
  for (const e of list) {
    const activity = record(e.activity);
    const processed = record(e.processedActivity);
    for (const entry of array(record(processed["thread~"]).membership)) {
      const profile = record(record(entry)["identity~"]);
      const identity = text(record(entry).identity);
      const person =
        text(profile.member) || (identity.startsWith("urn:li:person:") ? identity : "");
      if (person && !people.get(person)) people.set(person, profileName(profile));
    }
    const sender = text(activity.owner) || e.owner;
    if (!people.get(sender)) people.set(sender, profileName(processed["owner~"]));
    subject ||= text(activity.subject);
    const id = text(activity.id) || String(e.resourceId);
    const siblings = array(e.siblingActivities);
    const parent = text(record(siblings[0]).id);
    const custom = [{ name: "LinkedIn event id", value: String(e.id) }];
    if (text(activity.subject)) custom.push({ name: "Subject", value: text(activity.subject) });
    const inMail = activity.inMail === true || text(activity.messageType) === "INMAIL";
    if (inMail) custom.push({ name: "InMail", value: "true" });
    const attachments = array(processed["attachments~"]).map((item, n) => {
      const a = record(item);
      const fileId = `attachments/${id.replace(/[^A-Za-z0-9._-]/g, "_")}-${n + 1}.unavailable.txt`;
      const size = typeof a.byteSize === "number" ? a.byteSize : 0;
      files.set(fileId, placeholder(a, size));
      return { id: fileId, display: text(a.name) || `attachment ${n + 1}`, size };
    });
    events.push({
      type: "message",
      id,
      ...(parent ? { parent } : {}),
      body: messageText(activity),
      participant: sender,
      conversation: thread,
      timestamp: new Date(createdAt(e)).toISOString(),
      importance: inMail ? "high" : "normal",
      direction: sender === custodian ? "outgoing" : "incoming",
      ...(attachments.length ? { attachments } : {}),
      custom,
    });
  }
  const participants = [...people].map(([id, display]) => ({
    id,
    display: display || id,
    account_id: id,
  }));
  const manifest: RsmfManifest = {
    version: "2.0.0",
    participants,
    conversations: [
      {
        id: thread,
        platform: "linkedin",
        type: "direct",
        display: subject || `LinkedIn thread ${thread}`,
        custodian,
        participants: participants.map((p) => p.id),
        custom: [{ name: "LinkedIn thread", value: thread }],
      },
    ],
    events,
    ...(day === null ? {} : { eventcollectionid: `regula-${hashId(`${custodian} ${thread}`)}` }),
  };
  const begin = day === null ? createdAt(list[0]!) : Date.parse(`${day}T00:00:00Z`);
  const end = day === null ? createdAt(list[list.length - 1]!) : begin + DAY_MS - 1;
  return { conversation: thread, day, manifest, files, begin, end };
}

/** The API carries attachment metadata, not bytes: the zip holds a note in their place. */
function placeholder(a: Record<string, unknown>, size: number): Uint8Array {
  const lines = [
    "The bytes of this attachment are not carried by LinkedIn's Compliance Events API.",
    `name: ${text(a.name)}`,
    `media type: ${text(a.mediaType)}`,
    `size in bytes (as reported): ${size}`,
    `urn: ${text(a.id)}`,
    "",
  ];
  return new TextEncoder().encode(lines.join("\n"));
}

function hashId(value: string): string {
  let h = 2166136261;
  for (const c of value) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export function createdAt(e: ComplianceEvent): number {
  const t = record(e.activity).createdAt;
  return typeof t === "number" ? t : e.processedAt;
}

function messageText(activity: Record<string, unknown>): string {
  const content = record(activity.content);
  return text(record(content.content).string) || text(content.fallback);
}

function profileName(profile: unknown): string {
  const p = record(profile);
  return `${text(p.localizedFirstName)} ${text(p.localizedLastName)}`.trim();
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
