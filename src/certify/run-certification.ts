import fs from "node:fs";
import path from "node:path";
import { ControlPlane } from "./control-plane.js";
import { judge, type Verdict } from "./judge.js";
import type { CertifyWorld } from "./local-world.js";
import type { Scenario } from "./scenario.js";
import { type DriverProgress, RETENTION_MS, ScenarioDriver } from "./scenario-driver.js";

/** An event readable this long (host time) by a running archiver with a token was its to get. */
export const CHANCE_MS = 2_000;

export interface ScenarioResult {
  name: string;
  description: string;
  cadenceMs: number;
  passed: boolean;
  durationMs: number;
  archiverStarts: number;
  events: number;
  verdict: Verdict | null;
  /** Set when the scenario could not be driven to its end (world or archiver failure). */
  error: string | null;
}

export interface CertificationReport {
  tool: "regula certify";
  archiver: string;
  seed: number;
  size: number;
  store: string;
  startedAt: string;
  durationMs: number;
  passed: boolean;
  scenarios: ScenarioResult[];
}

export interface CertificationProgress extends DriverProgress {
  index: number;
  total: number;
  scenario: string;
}

export interface CertificationOptions {
  world: CertifyWorld;
  archiver: string;
  scenarios: readonly Scenario[];
  seed: number;
  size?: number;
  /** Where each scenario's files (tokens, output, archiver log, state) go. */
  workDir: string;
  onProgress?: (progress: CertificationProgress) => void;
  onScenarioDone?: (result: ScenarioResult) => void;
}

/** Runs the scenarios one after another in one world (reset between them) and judges each. */
export async function runCertification(
  options: CertificationOptions,
): Promise<CertificationReport> {
  const started = Date.now();
  const plane = new ControlPlane(options.world.baseUrl, options.world.adminKey);
  const size = options.size ?? 1;
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of options.scenarios.entries()) {
    const workDir = path.join(options.workDir, scenario.name);
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    const scenarioStarted = Date.now();
    const driver = new ScenarioDriver(plane, {
      command: options.archiver,
      workDir,
      random: seededRandom(options.seed, scenario.name),
      size,
      writerUrls: (count) => options.world.writerUrls(count),
      onProgress: (progress) =>
        options.onProgress?.({
          ...progress,
          index: index + 1,
          total: options.scenarios.length,
          scenario: scenario.name,
        }),
    });
    let result: ScenarioResult;
    try {
      await driver.begin(scenario.clockBehindHostMs ?? 0);
      await scenario.run(driver);
      const record = await driver.end();
      const verdict = judge({
        members: record.members,
        truth: record.truth,
        ticks: record.ticks,
        output: record.output,
        requests: record.requests,
        retentionMs: RETENTION_MS,
        endVirtualMs: record.endVirtualMs,
        chanceMs: CHANCE_MS,
        cadenceMs: scenario.cadenceMs,
        unexpectedExits: record.unexpectedExits,
      });
      result = {
        name: scenario.name,
        description: scenario.description,
        cadenceMs: scenario.cadenceMs,
        passed: verdict.passed,
        durationMs: Date.now() - scenarioStarted,
        archiverStarts: record.archiverStarts,
        events: record.truth.length,
        verdict,
        error: null,
      };
    } catch (error) {
      await driver.abort();
      result = {
        name: scenario.name,
        description: scenario.description,
        cadenceMs: scenario.cadenceMs,
        passed: false,
        durationMs: Date.now() - scenarioStarted,
        archiverStarts: 0,
        events: 0,
        verdict: null,
        error: (error as Error).message,
      };
    }
    results.push(result);
    options.onScenarioDone?.(result);
  }
  return {
    tool: "regula certify",
    archiver: options.archiver,
    seed: options.seed,
    size,
    store: options.world.store,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    passed: results.every((r) => r.passed),
    scenarios: results,
  };
}

/** mulberry32 over the seed mixed with the scenario's name: one stream per scenario. */
export function seededRandom(seed: number, name: string): () => number {
  let state = seed >>> 0;
  for (const char of name) state = Math.imul(state ^ char.charCodeAt(0), 2_654_435_761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
