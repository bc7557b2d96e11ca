import { parseArgs } from "node:util";
import type { FaultBody } from "../sandbox/faults.js";
import {
  CONNECTION_HELP,
  type ControlCommand,
  connectionOptions,
  printHelp,
  UsageError,
  withConnection,
  writeJson,
} from "./control-options.js";
import { parseDuration } from "./duration.js";

const HELP = `regula faults: make /rest and /oauth calls fail or slow down, on purpose

Usage:
  regula faults add [--method M] [--path P] (--status CODE [--retry-after S] | --delay D)
                    [--times N | --probability P [--seed N]]
  regula faults list
  regula faults remove ID
  regula faults clear

  --path         an exact path, or a prefix ending in * (/rest/*); queries are ignored
  --status       answer this status (400-599) instead of the real response
  --retry-after  with --status: a Retry-After of S seconds
  --delay        answer late, after D (2s, 500ms)
  --times        fire on the next N matching calls, then disappear
  --probability  fire on this share of matching calls (0 < P <= 1), drawn from --seed

Examples:
  regula faults add --path /rest/complianceEvents --status 503 --retry-after 2 --times 3
  regula faults add --path '/rest/*' --delay 1500ms --probability 0.2 --seed 7
  regula faults clear

${CONNECTION_HELP}`;

export const faultsCommand: ControlCommand = {
  help: HELP,
  async run(args, io, env) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...connectionOptions,
        method: { type: "string" },
        path: { type: "string" },
        status: { type: "string" },
        "retry-after": { type: "string" },
        delay: { type: "string" },
        times: { type: "string" },
        probability: { type: "string" },
        seed: { type: "string" },
      },
    });
    if (values.help) return printHelp(io, HELP);
    const [action, ...rest] = positionals;
    switch (action) {
      case "add": {
        if (rest.length > 0) throw new UsageError(`unexpected "${rest.join(" ")}"`);
        const fault = faultFromFlags(values);
        return withConnection(values, env, io, async ({ client }) => {
          io.stdout.write(`${await client.faults.add(fault)}\n`);
          return 0;
        });
      }
      case "list":
        return withConnection(values, env, io, async ({ client }) => {
          writeJson(io, await client.faults.list());
          return 0;
        });
      case "remove":
        if (rest.length !== 1) throw new UsageError("faults remove needs one fault ID");
        return withConnection(values, env, io, async ({ client }) => {
          await client.faults.remove(rest[0]!);
          io.stdout.write(`removed ${rest[0]}\n`);
          return 0;
        });
      case "clear":
        return withConnection(values, env, io, async ({ client }) => {
          io.stdout.write(`removed ${await client.faults.clear()} faults\n`);
          return 0;
        });
      default:
        throw new UsageError(
          action === undefined
            ? "faults needs an action: add, list, remove or clear"
            : `unknown faults action "${action}"`,
        );
    }
  },
};

type FaultFlags = Partial<
  Record<
    "method" | "path" | "status" | "retry-after" | "delay" | "times" | "probability" | "seed",
    string
  >
>;

function faultFromFlags(flags: FaultFlags): FaultBody {
  if ((flags.status === undefined) === (flags.delay === undefined)) {
    throw new UsageError("faults add needs --status CODE or --delay D (one of them)");
  }
  let respond: FaultBody["respond"];
  if (flags.status !== undefined) {
    respond = {
      status: integer(flags.status, "--status"),
      ...(flags["retry-after"] === undefined
        ? {}
        : { retryAfter: integer(flags["retry-after"], "--retry-after") }),
    };
  } else {
    const delayMs = parseDuration(flags.delay ?? "");
    if (delayMs === null) throw new UsageError(`--delay is not a duration: ${flags.delay}`);
    respond = { delayMs };
  }
  const probability = flags.probability === undefined ? undefined : Number(flags.probability);
  if (probability !== undefined && !Number.isFinite(probability)) {
    throw new UsageError(`--probability is not a number: ${flags.probability}`);
  }
  return {
    match: {
      ...(flags.method === undefined ? {} : { method: flags.method.toUpperCase() }),
      ...(flags.path === undefined ? {} : { path: flags.path }),
    },
    respond,
    ...(flags.times === undefined ? {} : { times: integer(flags.times, "--times") }),
    ...(probability === undefined ? {} : { probability }),
    ...(flags.seed === undefined ? {} : { seed: integer(flags.seed, "--seed") }),
  };
}

function integer(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} takes a whole number, not "${text}"`);
  return Number(text);
}
