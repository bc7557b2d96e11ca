import { Value } from "@sinclair/typebox/value";
import { RsmfManifest } from "./rsmf-manifest-schema.js";

/**
 * Every problem with a manifest: schema errors first, then the reference checks a JSON
 * Schema cannot express. `zipFiles` are the names in `rsmf.zip`; `eventCount` the
 * `X-RSMF-EventCount` header, when checking a whole `.rsmf` file.
 */
export function checkRsmfManifest(
  manifest: unknown,
  context: { zipFiles?: string[]; eventCount?: number } = {},
): string[] {
  const schemaErrors = [...Value.Errors(RsmfManifest, manifest)].map(
    (e) => `${e.path || "/"}: ${e.message}`,
  );
  if (schemaErrors.length > 0) return schemaErrors;
  const m = manifest as RsmfManifest;
  const problems: string[] = [];
  const unique = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${kind} id ${id} is not unique`);
      seen.add(id);
    }
    return seen;
  };
  const people = unique(
    "participant",
    m.participants.map((p) => p.id),
  );
  const conversations = unique(
    "conversation",
    m.conversations.map((c) => c.id),
  );
  unique(
    "event",
    m.events.flatMap((e) => (e.id === undefined ? [] : [e.id])),
  );
  for (const c of m.conversations) {
    for (const p of c.participants)
      if (!people.has(p)) problems.push(`conversation ${c.id} names unknown participant ${p}`);
    if (c.custodian !== undefined && !c.participants.includes(c.custodian))
      problems.push(`custodian ${c.custodian} is not a participant of conversation ${c.id}`);
  }
  const zip = context.zipFiles === undefined ? null : new Set(context.zipFiles);
  for (const [i, e] of m.events.entries()) {
    const at = `event ${e.id ?? `#${i}`}`;
    if (e.participant !== undefined && !people.has(e.participant))
      problems.push(`${at} names unknown participant ${e.participant}`);
    if (e.conversation !== undefined && !conversations.has(e.conversation))
      problems.push(`${at} names unknown conversation ${e.conversation}`);
    for (const a of e.attachments ?? [])
      if (zip !== null && !zip.has(a.id))
        problems.push(`${at} attachment ${a.id} is not in the zip`);
  }
  if (context.eventCount !== undefined && context.eventCount !== m.events.length)
    problems.push(`X-RSMF-EventCount ${context.eventCount} but ${m.events.length} events`);
  return problems;
}
