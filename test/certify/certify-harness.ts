import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CertifyWorld, startLocalWorld } from "../../src/certify/local-world.js";
import { type CertificationReport, runCertification } from "../../src/certify/run-certification.js";
import { findScenario } from "../../src/certify/scenarios/index.js";
import { createPostgresDatabase, postgresAvailable } from "../helpers/store-targets.js";

/** The stores a certification world can run on here: SQLite always, PostgreSQL when reachable. */
export const certifyStores: Array<"sqlite" | "postgres"> = postgresAvailable
  ? ["sqlite", "postgres"]
  : ["sqlite"];

/** A disposable local world on `store`, removed (database dropped) afterwards. */
export async function withCertifyWorld<T>(
  store: "sqlite" | "postgres",
  body: (world: CertifyWorld) => Promise<T>,
): Promise<T> {
  const database = store === "postgres" ? await createPostgresDatabase() : null;
  const world = await startLocalWorld(database ? { databaseUrl: database.url } : {});
  try {
    return await body(world);
  } finally {
    await world.close();
    await database?.drop();
  }
}

/** Runs `archiver` through the named scenarios; the work files go to a temp dir, then away. */
export async function certify(
  world: CertifyWorld,
  archiver: string,
  scenarioNames: readonly string[],
): Promise<CertificationReport> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "regula-certify-test-"));
  try {
    return await runCertification({
      world,
      archiver,
      scenarios: scenarioNames.map((name) => {
        const scenario = findScenario(name);
        if (!scenario) throw new Error(`no scenario ${name}`);
        return scenario;
      }),
      seed: 1,
      workDir,
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const flawedArchiver = path.resolve("test/certify/flawed-archiver.ts");

/** The command line of the test tree's flawed archiver, with one flaw or none. */
export function flawedArchiverCommand(flaw?: string): string {
  return [JSON.stringify(process.execPath), "--import tsx", JSON.stringify(flawedArchiver), flaw]
    .filter(Boolean)
    .join(" ");
}

/** One line per scenario, for assertion messages that say what happened. */
export function summary(report: CertificationReport): string {
  return report.scenarios
    .map((s) => {
      const t = s.verdict?.totals;
      const findings = s.verdict?.protocol.map((p) => p.kind).join(",") ?? "";
      return t
        ? `${s.name}: ${s.passed ? "pass" : "FAIL"} expected ${t.expected} archived ${t.archived} missed ${t.missed} dup ${t.duplicates} unexpected ${t.unexpected} ${findings}`
        : `${s.name}: error ${s.error}`;
    })
    .join("\n");
}
