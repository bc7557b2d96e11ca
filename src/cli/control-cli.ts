import fs from "node:fs";
import { parseArgs } from "node:util";
import type { SeedInput } from "../sandbox-client/control-client.js";
import {
  type CliIo,
  CONNECTION_HELP,
  type Connection,
  type ControlCommand,
  connectionOptions,
  type Env,
  isParseArgsError,
  memberUrn,
  printHelp,
  UsageError,
  withConnection,
  writeJson,
} from "./control-options.js";
import { parseDuration } from "./duration.js";
import { faultsCommand } from "./faults-cli.js";

const tokenCommand: ControlCommand = {
  help: `regula token: print a member's access token, as if the member had consented

Usage:
  regula token <member> [--app ID] [--scope SCOPE …] [connection]

  <member>   a member id (ada-lovelace) or URN (urn:li:person:ada-lovelace)
  --app      the application (id or URN); may be left out when there is only one
  --scope    a scope to grant (repeatable; default r_compliance_sales_nav)

Examples:
  regula token ada-lovelace
  TOKEN=$(regula token grace-hopper --app 100001)

${CONNECTION_HELP}`,
  async run(args, io, env) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...connectionOptions,
        app: { type: "string" },
        scope: { type: "string", multiple: true },
      },
    });
    if (values.help) return printHelp(io, this.help);
    if (positionals.length !== 1) throw new UsageError("token needs exactly one <member>");
    return withConnection(values, env, io, async ({ client }) => {
      let application = values.app;
      if (!application) {
        const all = await client.applications.list();
        if (all.length !== 1) {
          throw new UsageError(
            `--app is needed: the server has ${all.length} applications (${all.map((a) => a.id).join(", ") || "none"})`,
          );
        }
        application = all[0]!.id;
      }
      const token = await client.tokens.issue(positionals[0]!, {
        application,
        ...(values.scope ? { scopes: values.scope } : {}),
      });
      io.stdout.write(`${token.access_token}\n`);
      return 0;
    });
  },
};

const messageCommand: ControlCommand = {
  help: `regula message: send a Sales Navigator message through the capture path

Usage:
  regula message --from MEMBER --to MEMBER [--to MEMBER …] --text TEXT [--subject S]
  regula message --from MEMBER --thread URN --text TEXT

  Members are ids (ada-lovelace) or URNs. Prints the stored message (id, thread, and the
  applications it was captured for) as JSON.

Examples:
  regula message --from ada-lovelace --to grace-hopper --text "Lunch at noon?"
  regula message --from grace-hopper --thread urn:li:messagingThread:… --text "Yes"

${CONNECTION_HELP}`,
  async run(args, io, env) {
    const { values } = parseArgs({
      args,
      options: {
        ...connectionOptions,
        from: { type: "string" },
        to: { type: "string", multiple: true },
        thread: { type: "string" },
        text: { type: "string" },
        subject: { type: "string" },
      },
    });
    if (values.help) return printHelp(io, this.help);
    if (!values.from || values.text === undefined || (!values.to && !values.thread)) {
      throw new UsageError("message needs --from, --text and --to (or --thread)");
    }
    const message = {
      from: memberUrn(values.from),
      text: values.text,
      ...(values.to ? { to: values.to.map(memberUrn) } : {}),
      ...(values.thread ? { thread: values.thread } : {}),
      ...(values.subject ? { subject: values.subject } : {}),
    };
    return withConnection(values, env, io, async ({ client }) => {
      writeJson(io, await client.messages.send(message));
      return 0;
    });
  },
};

const clockCommand: ControlCommand = {
  help: `regula clock: read or move the virtual clock every time-based rule follows

Usage:
  regula clock [show]            print the clock (now, mode)
  regula clock advance DURATION  move it forward: 29d, 36h, 1d12h30m, 90s, 250ms
  regula clock set TIME          set it (ISO 8601 or epoch ms; only before any message)
  regula clock freeze | unfreeze

Examples:
  regula clock advance 29d       # every event older than 28 days ages out
  regula clock freeze

${CONNECTION_HELP}`,
  async run(args, io, env) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: connectionOptions,
    });
    if (values.help) return printHelp(io, this.help);
    const [action = "show", argument, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(" ")}"`);
    const step = clockStep(action, argument);
    return withConnection(values, env, io, async ({ client }) => {
      const state = await step(client.clock);
      io.stdout.write(`${new Date(state.now).toISOString()} (${state.mode})\n`);
      return 0;
    });
  },
};

type ClockApi = Connection["client"]["clock"];

function clockStep(action: string, argument: string | undefined) {
  const needsNone = (fn: (clock: ClockApi) => ReturnType<ClockApi["get"]>) => {
    if (argument !== undefined) throw new UsageError(`clock ${action} takes no argument`);
    return fn;
  };
  switch (action) {
    case "show":
      return needsNone((clock) => clock.get());
    case "freeze":
      return needsNone((clock) => clock.freeze());
    case "unfreeze":
      return needsNone((clock) => clock.unfreeze());
    case "advance": {
      const ms = argument === undefined ? null : parseDuration(argument);
      if (ms === null) throw new UsageError("clock advance needs a duration such as 29d or 36h");
      return (clock: ClockApi) => clock.advance(ms);
    }
    case "set": {
      const t = argument === undefined ? Number.NaN : parseTime(argument);
      if (!Number.isFinite(t)) throw new UsageError("clock set needs an ISO 8601 time or epoch ms");
      return (clock: ClockApi) => clock.setTo(t);
    }
    default:
      throw new UsageError(
        `unknown clock action "${action}" (show, advance, set, freeze, unfreeze)`,
      );
  }
}

function parseTime(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

const resetCommand: ControlCommand = {
  help: `regula reset: replace the whole world in one transaction

Usage:
  regula reset [--seed FILE]

  Without --seed the server's start-up seed (the demo world, or its REGULA_SEED) is applied
  again; with it, the seed document in FILE (docs/seed.md). The admin key is kept.

Examples:
  regula reset
  regula reset --seed my-world.json

${CONNECTION_HELP}`,
  async run(args, io, env) {
    const { values } = parseArgs({
      args,
      options: { ...connectionOptions, seed: { type: "string" } },
    });
    if (values.help) return printHelp(io, this.help);
    let seed: SeedInput | undefined;
    if (values.seed) {
      try {
        seed = JSON.parse(fs.readFileSync(values.seed, "utf8")) as SeedInput;
      } catch (error) {
        throw new UsageError(`--seed ${values.seed}: ${(error as Error).message}`);
      }
    }
    return withConnection(values, env, io, async ({ client }) => {
      writeJson(io, await client.reset(seed));
      return 0;
    });
  },
};

const exportCommand: ControlCommand = {
  help: `regula export: write the whole world as a seed document to stdout

Usage:
  regula export > world.json

  Import it again with POST /sandbox/import (or regula reset --seed world.json, which
  accepts the same document).

Examples:
  regula export > world.json
  regula export --base-url http://127.0.0.1:9000 | jq '.members | length'

${CONNECTION_HELP}`,
  async run(args, io, env) {
    const { values } = parseArgs({ args, options: connectionOptions });
    if (values.help) return printHelp(io, this.help);
    return withConnection(values, env, io, async ({ client }) => {
      const text = await client.exportText();
      io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
      return 0;
    });
  },
};

export const controlCommands: Record<string, ControlCommand> = {
  token: tokenCommand,
  message: messageCommand,
  clock: clockCommand,
  reset: resetCommand,
  export: exportCommand,
  faults: faultsCommand,
};

/** Runs one control-plane command; resolves to its exit code (2 = usage, 1 = failure). */
export async function runControlCli(
  name: string,
  args: string[],
  io: CliIo,
  env: Env,
): Promise<number> {
  const command = controlCommands[name];
  if (!command) throw new Error(`no control command ${name}`);
  try {
    return await command.run(args, io, env);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`regula ${name}: ${(error as Error).message}\n\n${command.help}`);
      return 2;
    }
    throw error;
  }
}
