import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AnchorServer, startAnchor } from "./anchors.js";
import type { BenchOptions } from "./bench-options.js";
import { tryBigBatch } from "./big-batch.js";
import { type CaptureRoundLine, runCaptureRounds } from "./capture-phase.js";
import { startPeers } from "./peers.js";
import {
  fetchCannedPages,
  type ReadRoundLine,
  type ReadTarget,
  runReadRounds,
  writeRequestList,
} from "./read-phase.js";
import { startRegula } from "./regula-process.js";
import { type CacheEntry, workingCopy } from "./store-cache.js";

type Line = { phase: string } & Record<string, unknown>;

/**
 * Everything measured at one store size, on a working copy of the cached store: Regula
 * started with `regula serve`, the anchors (and peers) serving one of its real pages, the
 * interleaved read rounds, then — at capture sizes — the interleaved capture rounds and the
 * big-batch check. Returns the big batch's status, if it was tried.
 */
export async function runSize(
  entry: CacheEntry,
  options: BenchOptions & { capture: boolean; bigBatch: boolean },
  print: (line: Line | ReadRoundLine | CaptureRoundLine) => void,
): Promise<number | null> {
  const meta = entry.meta!;
  const copy = await workingCopy(entry, options.cacheDir);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-bench-run-"));
  const regula = await startRegula(copy.location);
  const helpers: Array<{ child: { stop(): Promise<void> } }> = [];
  try {
    const listFile = path.join(workDir, "requests.txt");
    const pagesFile = path.join(workDir, "pages.json");
    writeRequestList(listFile, meta.firstMs, meta.lastMs);
    const pages = await fetchCannedPages(regula.baseUrl, listFile, pagesFile);
    print({
      phase: "page-bytes",
      count10: pages["10"]?.bytes,
      count50: pages["50"]?.bytes,
      count10SampleMean: pages["10"]?.sampleMeanBytes,
      count50SampleMean: pages["50"]?.sampleMeanBytes,
    });
    const anchors: AnchorServer[] = [
      await startAnchor("fastify", pagesFile),
      await startAnchor("http", pagesFile),
    ];
    helpers.push(...anchors);
    const peers = options.peers
      ? await startPeers({
          regulaUrl: regula.baseUrl,
          pagesFile,
          workDir,
          cacheDir: options.cacheDir,
        })
      : [];
    helpers.push(...peers);
    const targets: ReadTarget[] = [
      { name: "regula", baseUrl: regula.baseUrl, rssPid: regula.child.pid },
      ...anchors,
      ...peers,
    ];
    await runReadRounds({ ...options, targets, listFile, onRound: print });
    for (const helper of helpers.splice(0)) await helper.child.stop();
    if (!options.capture) return null;
    await runCaptureRounds({
      baseUrl: regula.baseUrl,
      store: copy,
      rounds: options.rounds,
      durationS: options.durationS,
      threads: meta.threads,
      onRound: print,
    });
    if (!options.bigBatch) return null;
    const status = await tryBigBatch(regula.baseUrl);
    print({ phase: "big-batch", messages: 1000, textBytes: 2048, status });
    return status;
  } finally {
    for (const helper of helpers) await helper.child.stop();
    await regula.stop();
    await copy.remove();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
