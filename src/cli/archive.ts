import { parseArgs } from "node:util";
import { loadArchiverConfig } from "../archiver/archiver-config.js";
import { archiverConfigFromEnv } from "../archiver/certify-env.js";
import { exportMemberEml } from "../archiver/eml/export-eml.js";
import { realSleep } from "../archiver/http-transport.js";
import { producePackage } from "../archiver/production/produce-package.js";
import { createProgressReporter } from "../archiver/progress-reporter.js";
import { exportMemberRsmf } from "../archiver/rsmf/export-rsmf.js";
import { runArchiver } from "../archiver/run-archiver.js";
import { verifyArchive } from "../archiver/verify-archive.js";
import { urnFromRef } from "../urn.js";

const HELP = `regula archive: the reference archiver, a customer of the public API (OAuth + /rest only)

Usage:
  regula archive run --config FILE [--once | --follow SECONDS]
      Poll every member's compliance events into the archive directory. --once (the
      default) makes one pass and exits; --follow makes a pass every SECONDS until
      SIGINT/SIGTERM, which finish the current page and stop. Without --config, the
      certification environment is read instead (REGULA_BASE_URL, REGULA_CLIENT_ID,
      REGULA_CLIENT_SECRET, REGULA_MEMBER_TOKENS, REGULA_STATE_DIR, REGULA_ARCHIVE_OUTPUT;
      docs/certify.md).
      Exit 0 when every member was archived, 1 when one needs re-authorization or failed.
  regula archive verify --dir DIR
      Recompute every member's hash chain. Exit 0 with a summary, or 1 naming the file
      and line of the first break.
  regula archive export-eml --dir DIR --member URN --out DIR
  regula archive produce --dir DIR --member URN --from T --to T --out package.zip
  regula archive export-rsmf --dir DIR --member URN [--from T --to T] [--slice 24h] --out DIR
      Write one RFC 5322 .eml file per archived message of the member (after verifying
      the member's chain).

Configuration (--config), paths relative to the file:
  {"baseUrl": "http://127.0.0.1:8080", "clientId": "…", "clientSecret": "…",
   "membersFile": "members.json", "archiveDir": "archive",
   "pageSize": 50, "expiryWarningDays": 30}
Members file (read again before every pass):
  {"members": [{"member": "urn:li:person:…", "accessToken": "…"}]}

Examples:
  regula archive run --config archiver.json --follow 60
  regula archive verify --dir archive
  regula archive export-eml --dir archive --member ada-lovelace --out eml
  regula archive produce --dir archive --member ada-lovelace \
      --from 2026-01-01T00:00:00Z --to 2026-02-01T00:00:00Z --out ada.zip

From a checkout: npm run archive -- run --config archiver.json
`;

/** Where the command writes; `process.stdout`/`stderr` in production, strings in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

/** `regula archive …`; resolves to the process exit code. */
export async function runArchiveCli(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
  env: Record<string, string | undefined> = {},
): Promise<number> {
  const [subcommand, ...rest] = argv;
  try {
    switch (subcommand) {
      case "run":
        return await runCommand(rest, io, env);
      case "verify":
        return await verifyCommand(rest, io);
      case "export-eml":
        return await exportCommand(rest, io);
      case "export-rsmf":
        return await exportRsmfCommand(rest, io);
      case "produce":
        return await produceCommand(rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(HELP);
        return subcommand === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown subcommand "${subcommand}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`regula archive: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    io.stderr.write(`regula archive: ${(error as Error).message}\n`);
    return 1;
  }
}

async function runCommand(
  args: string[],
  io: CliIo,
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: "string" },
      once: { type: "boolean" },
      follow: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return printHelp(io);
  const fromEnv = values.config ? null : archiverConfigFromEnv(env);
  if (!values.config && !fromEnv) {
    throw new UsageError("run needs --config FILE (or the certification environment)");
  }
  if (values.once && values.follow !== undefined) {
    throw new UsageError("give --once or --follow, not both");
  }
  let followIntervalMs: number | null = null;
  if (values.follow !== undefined) {
    if (!/^\d+$/.test(values.follow) || Number(values.follow) < 1) {
      throw new UsageError("--follow takes a whole number of seconds, at least 1");
    }
    followIntervalMs = Number(values.follow) * 1000;
  }
  const config = fromEnv ?? (await loadArchiverConfig(values.config as string));
  const stop = new AbortController();
  // The first signal lets the current page finish and be checkpointed; a second one is
  // for a person who really wants out now (the next run recovers either way).
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    io.stderr.write(`\nregula archive: ${signal}, stopping after the current page\n`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const report = await runArchiver(
      config,
      {
        fetch: (url, init) => fetch(url, init),
        sleep: realSleep,
        random: Math.random,
        nowMs: Date.now,
        signal: stop.signal,
        onEvent: createProgressReporter(io.stdout, {
          tty: io.stdout.isTTY === true,
          nowMs: Date.now,
        }),
      },
      followIntervalMs,
    );
    const unhealthy = report.outcomes.filter(
      (o) => o.status === "failed" || o.status === "needs-reauthorization",
    );
    for (const problem of report.problems) io.stderr.write(`regula archive: ${problem}\n`);
    return unhealthy.length > 0 || report.problems.length > 0 ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { dir: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return printHelp(io);
  if (!values.dir) throw new UsageError("verify needs --dir DIR");
  const result = await verifyArchive(values.dir);
  for (const member of result.members) {
    io.stdout.write(
      `ok   ${member.member}: ${member.records} records in ${member.files} files, head ${member.headHash.slice(0, 16)}…\n`,
    );
  }
  if (!result.ok) {
    const { file, line, problem, member } = result.break;
    io.stdout.write(`BROKEN ${member} at ${file}${line === null ? "" : `:${line}`}: ${problem}\n`);
    return 1;
  }
  const records = result.members.reduce((sum, m) => sum + m.records, 0);
  io.stdout.write(
    `archive verified: ${result.members.length} members, ${records} records, every chain intact\n`,
  );
  return 0;
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: "string" },
      member: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return printHelp(io);
  if (!values.dir || !values.member || !values.out) {
    throw new UsageError("export-eml needs --dir DIR --member URN --out DIR");
  }
  const member = urnFromRef(values.member, "person");
  const { written } = await exportMemberEml(values.dir, member, values.out);
  io.stdout.write(`wrote ${written} messages of ${member} to ${values.out}\n`);
  return 0;
}

async function exportRsmfCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: "string" },
      member: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      slice: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return printHelp(io);
  if (!values.dir || !values.member || !values.out || (values.slice && values.slice !== "24h"))
    throw new UsageError("export-rsmf needs --dir DIR --member URN --out DIR [--slice 24h]");
  const member = urnFromRef(values.member, "person");
  const { files } = await exportMemberRsmf(values.dir, member, values.out, {
    ...timeRange(values.from, values.to),
    slice: values.slice === "24h",
  });
  io.stdout.write(`wrote ${files.length} RSMF files of ${member} to ${values.out}\n`);
  return 0;
}

async function produceCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: "string" },
      member: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return printHelp(io);
  if (!values.dir || !values.member || !values.from || !values.to || !values.out)
    throw new UsageError("produce needs --dir DIR --member URN --from T --to T --out FILE");
  const member = urnFromRef(values.member, "person");
  const range = timeRange(values.from, values.to) as { from: number; to: number };
  const result = await producePackage(values.dir, member, range, values.out);
  io.stdout.write(
    `wrote ${values.out}: ${result.events} events, ${result.files} files in ${(result.ms / 1000).toFixed(2)} s\n`,
  );
  if (result.verification === "ok") return 0;
  // The package is written either way; a broken chain must not pass for a clean production.
  io.stderr.write("the member's chain does not verify: see audit/chain-verification.json\n");
  return 1;
}

/** `--from`/`--to` as ISO 8601 times or epoch milliseconds. */
function timeRange(from?: string, to?: string): { from?: number; to?: number } {
  const parse = (value: string, flag: string) => {
    const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isFinite(t)) throw new UsageError(`${flag} is not a time: ${value}`);
    return t;
  };
  return {
    ...(from === undefined ? {} : { from: parse(from, "--from") }),
    ...(to === undefined ? {} : { to: parse(to, "--to") }),
  };
}

function printHelp(io: CliIo): number {
  io.stdout.write(HELP);
  return 0;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
