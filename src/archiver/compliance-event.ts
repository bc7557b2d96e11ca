/**
 * A compliance event as the archiver needs it: the fields it reads, typed, and everything else
 * kept untouched. The archive stores the whole object the API returned.
 */
export interface ComplianceEvent {
  id: number;
  owner: string;
  processedAt: number;
  [field: string]: unknown;
}

/**
 * True when `value` has the fields the archiver relies on. Ids must be safe integers:
 * `JSON.parse` would silently round a larger one and two events could collide.
 */
export function isComplianceEvent(value: unknown): value is ComplianceEvent {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(event.id) &&
    typeof event.owner === "string" &&
    Number.isSafeInteger(event.processedAt) &&
    (event.processedAt as number) >= 0
  );
}
