/** Times on the virtual clock, written for people: UTC, so every viewer reads the same. */

const dateTime = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

export function formatTime(ms: number): string {
  return `${dateTime.format(new Date(ms))} UTC`;
}

export function formatIso(ms: number): string {
  return new Date(ms).toISOString();
}

const UNITS: Array<[number, string]> = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
  [1_000, "s"],
];

/** "3 d ago", "in 2 h", "just now": how far `ms` is from the virtual now. */
export function formatRelative(ms: number, nowMs: number): string {
  const delta = nowMs - ms;
  const size = Math.abs(delta);
  if (size < 1_000) return "just now";
  const [unit, name] = UNITS.find(([u]) => size >= u) ?? [1_000, "s"];
  const amount = Math.floor(size / unit);
  return delta >= 0 ? `${amount} ${name} ago` : `in ${amount} ${name}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function fullName(member: { firstName: string; lastName: string }): string {
  return `${member.firstName} ${member.lastName}`.trim();
}
