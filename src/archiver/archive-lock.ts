import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { LOCK_FILE } from "./archive-layout.js";
import { ensureDirectory } from "./durable-files.js";

/**
 * One archiver per directory: two interleaving appends would fork a member's chain. The lock
 * file names its holder; a lock left by a process that no longer exists on this host (killed,
 * crashed) is taken over, so a restart after a crash needs no manual step.
 */
export async function acquireArchiveLock(archiveDir: string): Promise<() => Promise<void>> {
  await ensureDirectory(archiveDir);
  const lockPath = path.join(archiveDir, LOCK_FILE);
  const holder = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockPath, `${JSON.stringify(holder)}\n`, { flag: "wx" });
      return () => fs.rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = await readHolder(lockPath);
    if (current && (current.host !== holder.host || isAlive(current.pid))) {
      throw new Error(
        `another archiver (pid ${current.pid} on ${current.host}) is using ${archiveDir}; if it is not running, delete ${lockPath}`,
      );
    }
    await fs.rm(lockPath, { force: true });
  }
  throw new Error(`could not take ${lockPath}`);
}

async function readHolder(lockPath: string): Promise<{ pid: number; host: string } | null> {
  try {
    const value = JSON.parse(await fs.readFile(lockPath, "utf8")) as {
      pid?: unknown;
      host?: unknown;
    };
    if (typeof value.pid === "number" && typeof value.host === "string") {
      return { pid: value.pid, host: value.host };
    }
  } catch {
    // Unreadable or half-written: the holder died while writing it.
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A killed process whose parent died stays a zombie until PID 1 reaps it, and some container
 * inits never do; a zombie holds no files, so its lock is stale.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
