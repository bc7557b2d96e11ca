import fs from "node:fs";

/**
 * A field of /proc/<pid>/status in MB, or null off Linux. `VmRSS` is the whole resident set;
 * `RssAnon` its private part (heap, stacks), without the file pages a memory-mapped database
 * brings in (`RssFile`: the OS page cache, shared and reclaimable).
 */
export function readStatusMb(pid: number, field: "VmRSS" | "RssAnon"): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** Samples VmRSS and RssAnon of `pid` every `intervalMs` until stopped; the largest seen. */
export function sampleRss(
  pid: number,
  intervalMs = 250,
): () => { rss: number | null; anon: number | null } {
  const max = { rss: null as number | null, anon: null as number | null };
  const sample = () => {
    for (const [key, field] of [
      ["rss", "VmRSS"],
      ["anon", "RssAnon"],
    ] as const) {
      const now = readStatusMb(pid, field);
      if (now !== null && (max[key] === null || now > max[key])) max[key] = now;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    return max;
  };
}
