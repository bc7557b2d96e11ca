import fs from "node:fs";

/** The resident set of process `pid` in MB (VmRSS in /proc), or null off Linux. */
export function readRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** Samples the RSS of `pid` every `intervalMs` until stopped; returns the largest seen. */
export function sampleRss(pid: number, intervalMs = 250): () => number | null {
  let max: number | null = readRssMb(pid);
  const timer = setInterval(() => {
    const now = readRssMb(pid);
    if (now !== null && (max === null || now > max)) max = now;
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return max;
  };
}
