import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Writes that survive a crash or power loss. An archive is evidence: a record counts as kept
 * only once its bytes and the directory entry naming its file are on disk.
 */

/** Appends `text` to `file` (creating it) and returns once both are flushed to disk. */
export async function appendDurably(file: string, text: string): Promise<void> {
  const existed = await fileExists(file);
  const handle = await fs.open(file, "a");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!existed) await syncDirectory(path.dirname(file));
}

/**
 * Replaces `file` with `text` so a reader sees the old or the new content, never a mix:
 * write a temporary file beside it, flush it, rename it over, flush the directory.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await fs.open(temp, "w", 0o644);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Cuts `file` to `length` bytes, durably (drops a line a crash left half written). */
export async function truncateDurably(file: string, length: number): Promise<void> {
  const handle = await fs.open(file, "r+");
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` and its parents, flushing each new entry's parent. */
export async function ensureDirectory(dir: string): Promise<void> {
  if (await fileExists(dir)) return;
  await ensureDirectory(path.dirname(dir));
  await fs.mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await syncDirectory(path.dirname(dir));
}

async function syncDirectory(dir: string): Promise<void> {
  // Flushing a directory is how POSIX makes a new or renamed entry durable. Windows cannot
  // open a directory for this and does not need it.
  if (process.platform === "win32") return;
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
