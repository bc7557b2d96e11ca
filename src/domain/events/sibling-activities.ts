/**
 * `siblingActivities` of an event lists the `activity` of at most this many previous
 * messages of the same thread, newest first (events.md).
 */
export const SIBLING_LIMIT = 10;
