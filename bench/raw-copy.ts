import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runChild } from "./child-process.js";
import type { RawCopyConfig, RawCopyResult } from "./raw-copy-child.js";
import { pgMarker } from "./raw-copy-pg.js";
import { sqliteMarkers } from "./raw-copy-sqlite.js";
import type { WorkingCopy } from "./store-cache.js";

const entry = path.join(import.meta.dirname, "raw-copy-child.ts");

/** A mark taken before a Regula round: rows above it are what that round wrote. */
export async function markStore(target: WorkingCopy["target"]): Promise<RawCopyConfig["markers"]> {
  return target.kind === "sqlite" ? sqliteMarkers(target.file) : pgMarker(target.database);
}

/** Runs the raw-copy anchor (bench/raw-copy-child.ts) in a child process. */
export async function runRawCopy(config: RawCopyConfig): Promise<RawCopyResult> {
  const file = path.join(os.tmpdir(), `regula-bench-raw-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  try {
    const out = await runChild(process.execPath, ["--import", "tsx", entry, file]);
    return JSON.parse(out.trim().split("\n").at(-1) ?? "") as RawCopyResult;
  } finally {
    fs.rmSync(file, { force: true });
  }
}
