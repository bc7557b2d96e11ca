import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CaptureClientConfig, CaptureClientResult } from "./capture-client.js";
import { runChild } from "./child-process.js";

const clientEntry = path.join(import.meta.dirname, "capture-client.ts");

/** Runs bench/capture-client.ts in a child process and returns its result line. */
export async function runCaptureClientChild(
  config: CaptureClientConfig,
): Promise<CaptureClientResult> {
  const file = path.join(os.tmpdir(), `regula-bench-capture-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  try {
    const child = runChild(process.execPath, ["--import", "tsx", clientEntry, file], {
      forwardStderr: (config.progressEvery ?? 0) > 0,
    });
    const out = await child;
    const last = out.trim().split("\n").at(-1) ?? "";
    return JSON.parse(last) as CaptureClientResult;
  } finally {
    fs.rmSync(file, { force: true });
  }
}
