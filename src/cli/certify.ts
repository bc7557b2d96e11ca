import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type CertifyWorld, remoteWorld, startLocalWorld } from "../certify/local-world.js";
import { writeReports } from "../certify/report-json.js";
import { formatTable, progressLine } from "../certify/report-tty.js";
import { runCertification } from "../certify/run-certification.js";
import type { Scenario } from "../certify/scenario.js";
import { findScenario, scenarios } from "../certify/scenarios/index.js";

const HELP = `regula certify: run an archiver through hostile scenarios and report what it missed

Usage:
  regula certify --archiver "<command>" [--scenarios all|name,…] [--seed N]
                 [--report DIR] [--store sqlite|postgres] [--size X]
                 [--base-url URL --admin-key KEY]

  --archiver   the archiver to certify, run through the shell with REGULA_BASE_URL,
               REGULA_CLIENT_ID, REGULA_CLIENT_SECRET, REGULA_MEMBER_TOKENS,
               REGULA_ARCHIVE_OUTPUT and REGULA_STATE_DIR set (docs/certify.md)
  --scenarios  all (default) or a comma-separated list
  --seed       the seed of the worlds, messages and faults (default 1)
  --report     where report.json, report.html and each scenario's files go
               (default ./certify-report)
  --store      the disposable world's store: sqlite (default), or postgres with
               DATABASE_URL (an empty database; several writer processes share it)
  --size       scale of the scenarios' message counts (default 1)
  --base-url, --admin-key   drive a running Regula through /sandbox instead
               (its world is reset for each scenario)

Exit 0 when every scenario passed, 1 when anything was missed, duplicated, unexpected or
a protocol finding was made, 2 on a usage error.

Scenarios: ${scenarios.map((s) => s.name).join(", ")}

Examples:
  regula certify --archiver "regula archive run --follow 1"      # the reference archiver
  regula certify --archiver "./bin/my-archiver" --scenarios clock-skew,throttle-storm
  DATABASE_URL=postgres://127.0.0.1/empty regula certify --store postgres --archiver "…"
  From a checkout: npm run certify -- --archiver "npm run -s archive -- run --follow 1"

The contract, the judging and every scenario: docs/certify.md
`;

export interface CertifyIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

/** `regula certify …`; resolves to the exit code. */
export async function runCertifyCli(
  argv: string[],
  io: CertifyIo = { stdout: process.stdout, stderr: process.stderr },
  env: Record<string, string | undefined> = {},
): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv, env);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`regula certify: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (parsed === "help") {
    io.stdout.write(HELP);
    return 0;
  }
  const world = await openWorld(parsed);
  const tty = io.stdout.isTTY === true;
  try {
    const report = await runCertification({
      world,
      archiver: parsed.archiver,
      scenarios: parsed.scenarios,
      seed: parsed.seed,
      size: parsed.size,
      workDir: path.join(parsed.reportDir, "scenarios"),
      onProgress: (p) => {
        if (tty) io.stdout.write(`\r\x1b[K${progressLine(p)}`);
      },
      onScenarioDone: (result) => {
        const line = `${result.passed ? "pass" : "FAIL"} ${result.name} (${(result.durationMs / 1000).toFixed(1)}s)`;
        io.stdout.write(tty ? `\r\x1b[K${line}\n` : `${line}\n`);
      },
    });
    io.stdout.write(`\n${formatTable(report)}`);
    const files = writeReports(parsed.reportDir, report);
    io.stdout.write(`report: ${files.json}\n        ${files.html}\n`);
    return report.passed ? 0 : 1;
  } finally {
    await world.close();
  }
}

interface CertifyOptions {
  archiver: string;
  scenarios: Scenario[];
  seed: number;
  size: number;
  reportDir: string;
  store: "sqlite" | "postgres";
  databaseUrl: string | undefined;
  baseUrl: string | undefined;
  adminKey: string | undefined;
}

function parseOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): CertifyOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      archiver: { type: "string" },
      scenarios: { type: "string" },
      seed: { type: "string" },
      report: { type: "string" },
      store: { type: "string" },
      size: { type: "string" },
      "base-url": { type: "string" },
      "admin-key": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (!values.archiver) throw new UsageError('--archiver "<command>" is required');
  const names =
    !values.scenarios || values.scenarios === "all"
      ? scenarios.map((s) => s.name)
      : values.scenarios
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean);
  const chosen = names.map((name) => {
    const scenario = findScenario(name);
    if (!scenario)
      throw new UsageError(
        `unknown scenario "${name}"; scenarios: ${scenarios.map((s) => s.name).join(", ")}`,
      );
    return scenario;
  });
  if (chosen.length === 0) throw new UsageError("--scenarios names no scenario");
  const seed = values.seed ?? "1";
  if (!/^\d{1,10}$/.test(seed) || Number(seed) > 4_294_967_295)
    throw new UsageError("--seed takes a whole number");
  const size = Number(values.size ?? "1");
  if (!Number.isFinite(size) || size <= 0 || size > 100)
    throw new UsageError("--size takes a number in (0, 100]");
  const store = values.store ?? (env.DATABASE_URL ? "postgres" : "sqlite");
  if (store !== "sqlite" && store !== "postgres")
    throw new UsageError("--store is sqlite or postgres");
  if (store === "postgres" && !env.DATABASE_URL)
    throw new UsageError("--store postgres needs DATABASE_URL");
  if (Boolean(values["base-url"]) !== Boolean(values["admin-key"])) {
    throw new UsageError("--base-url and --admin-key go together");
  }
  return {
    archiver: values.archiver,
    scenarios: chosen,
    seed: Number(seed),
    size,
    reportDir: path.resolve(values.report ?? "certify-report"),
    store,
    databaseUrl: store === "postgres" ? env.DATABASE_URL : undefined,
    baseUrl: values["base-url"],
    adminKey: values["admin-key"],
  };
}

async function openWorld(options: CertifyOptions): Promise<CertifyWorld> {
  if (options.baseUrl && options.adminKey) return remoteWorld(options.baseUrl, options.adminKey);
  fs.mkdirSync(os.tmpdir(), { recursive: true });
  return startLocalWorld(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
