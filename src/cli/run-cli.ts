import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { type CliIo, type Env, isParseArgsError } from "./control-options.js";
import { MAIN_HELP, SERVE_HELP } from "./help.js";

/** The control-plane commands (their modules load only when one of them runs). */
const CONTROL_COMMANDS = new Set(["token", "message", "clock", "reset", "export", "faults"]);

const SERVE_FLAGS = {
  port: "PORT",
  host: "HOST",
  "data-dir": "REGULA_DATA_DIR",
  seed: "REGULA_SEED",
  "database-url": "DATABASE_URL",
} as const;

/**
 * `regula …`: picks the command; resolves to the exit code (serve resolves once listening).
 * Each command's modules are imported only when it runs, so `serve` starts without loading
 * the archiver, certify's scenarios or the clients (cold start).
 */
export async function runCli(argv: string[], io: CliIo, env: Env): Promise<number> {
  const [command = "serve", ...rest] = argv;
  switch (command) {
    case "--help":
    case "-h":
    case "help":
      io.stdout.write(MAIN_HELP);
      return 0;
    case "serve":
      return serveCommand(rest, io, env);
    case "archive":
      // A client of the API: it needs none of the server's configuration.
      return (await import("./archive.js")).runArchiveCli(rest, io, env);
    case "certify":
      return (await import("./certify.js")).runCertifyCli(rest, io, env);
    default:
      if (CONTROL_COMMANDS.has(command)) {
        return (await import("./control-cli.js")).runControlCli(command, rest, io, env);
      }
      io.stderr.write(`regula: unknown command "${command}"\n\n${MAIN_HELP}`);
      return 2;
  }
}

async function serveCommand(args: string[], io: CliIo, env: Env): Promise<number> {
  let values: Partial<Record<keyof typeof SERVE_FLAGS | "help", string | boolean>>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        ...Object.fromEntries(Object.keys(SERVE_FLAGS).map((flag) => [flag, { type: "string" }])),
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    io.stderr.write(`regula serve: ${(error as Error).message}\n\n${SERVE_HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  const withFlags: Env = { ...env };
  for (const [flag, name] of Object.entries(SERVE_FLAGS)) {
    const value = values[flag as keyof typeof SERVE_FLAGS];
    if (typeof value === "string") withFlags[name] = value;
  }
  const { serve } = await import("./serve.js");
  await serve(loadConfig(withFlags));
  return 0;
}
