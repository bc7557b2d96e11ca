import { Writable } from "node:stream";

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};

/** Fields shown in a line's own words, or never (pino's bookkeeping). */
const SHOWN_OR_HIDDEN = new Set(["level", "time", "pid", "hostname", "msg", "req", "res", "reqId"]);

/**
 * One pino JSON line as a person reads it on a terminal:
 * `14:02:07.123 INFO  GET /rest/complianceEvents?q=… 200 3.2 ms`, other fields as key=value.
 * The line was already serialized with credentials redacted; this only rearranges it.
 */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time =
    typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 23) : "";
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const parts = [time, level];
  if (req && res) {
    parts.push(`${req.method} ${req.url} ${res.statusCode}`);
    if (typeof entry.responseTime === "number") parts.push(`${entry.responseTime} ms`);
  } else {
    parts.push(String(entry.msg ?? ""));
  }
  for (const [key, value] of Object.entries(entry)) {
    if (SHOWN_OR_HIDDEN.has(key) || (req && res && key === "responseTime")) continue;
    parts.push(`${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return parts.join(" ");
}

/** A pino destination that writes formatted lines to `out` (a terminal). */
export function terminalLogStream(out: { write(text: string): unknown }): Writable {
  let pending = "";
  return new Writable({
    write(chunk, _encoding, callback) {
      pending += String(chunk);
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        out.write(`${formatLogLine(pending.slice(0, newline))}\n`);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
      callback();
    },
  });
}
