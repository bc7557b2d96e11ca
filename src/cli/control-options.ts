import fs from "node:fs";
import path from "node:path";
import { ADMIN_KEY_FILE } from "../sandbox/admin-key.js";
import {
  AdminKeyRejectedError,
  ControlClient,
  ControlPlaneError,
  ServerUnreachableError,
} from "../sandbox-client/control-client.js";
import { urnFromRef } from "../urn.js";

/** Where a command writes; `process.stdout`/`stderr` in production, strings in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
}

export type Env = Record<string, string | undefined>;

/** A mistake in the command line: exit 2, with the command's help. */
export class UsageError extends Error {}

/** No admin key anywhere it is looked for (a wrong one is reported by the server). */
export class MissingAdminKeyError extends Error {}

/** A thin client command of a running server's control plane. */
export interface ControlCommand {
  help: string;
  run(args: string[], io: CliIo, env: Env): Promise<number>;
}

export const DEFAULT_BASE_URL = "http://127.0.0.1:8080";

/** The options every control-plane command takes (util.parseArgs shape). */
export const connectionOptions = {
  "base-url": { type: "string" },
  "admin-key": { type: "string" },
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const CONNECTION_HELP = `Connection (every control-plane command):
  --base-url URL    the server (default $REGULA_BASE_URL or ${DEFAULT_BASE_URL})
  --admin-key KEY   the admin key; otherwise $REGULA_ADMIN_KEY, otherwise the key file
                    in --data-dir (default $REGULA_DATA_DIR or ./data)/${ADMIN_KEY_FILE}
`;

interface ConnectionValues {
  "base-url"?: string | undefined;
  "admin-key"?: string | undefined;
  "data-dir"?: string | undefined;
}

export interface Connection {
  client: ControlClient;
  /** Said when the key is refused, so a person knows which key was wrong. */
  keyOrigin: string;
}

/** The admin key from the flag, the environment or the data dir's key file, in that order. */
export function resolveClientAdminKey(
  values: ConnectionValues,
  env: Env,
): { key: string; origin: string } {
  if (values["admin-key"]) return { key: values["admin-key"], origin: "--admin-key" };
  if (env.REGULA_ADMIN_KEY) return { key: env.REGULA_ADMIN_KEY, origin: "REGULA_ADMIN_KEY" };
  const dataDir = values["data-dir"] ?? env.REGULA_DATA_DIR ?? "./data";
  const file = path.resolve(dataDir, ADMIN_KEY_FILE);
  let key = "";
  try {
    key = fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (!key) {
    throw new MissingAdminKeyError(
      `no admin key: pass --admin-key KEY, set REGULA_ADMIN_KEY, or point --data-dir at the server's data directory (no key in ${file})`,
    );
  }
  return { key, origin: file };
}

export function connect(values: ConnectionValues, env: Env): Connection {
  const { key, origin } = resolveClientAdminKey(values, env);
  const baseUrl = values["base-url"] ?? env.REGULA_BASE_URL ?? DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL, not "${baseUrl}"`);
  }
  return { client: new ControlClient({ baseUrl, adminKey: key }), keyOrigin: origin };
}

/** One line a person can act on, for the errors a control-plane call can end with. */
export function describeControlError(error: unknown, connection: Connection | null): string {
  if (error instanceof AdminKeyRejectedError) {
    return `the admin key (from ${connection?.keyOrigin ?? "?"}) is wrong: ${connection?.client.baseUrl ?? "the server"} refused it`;
  }
  if (error instanceof ServerUnreachableError || error instanceof ControlPlaneError) {
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

/** A member given as an id (`ada-lovelace`) or a URN. */
export function memberUrn(ref: string): string {
  return urnFromRef(ref, "person");
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Connects, runs `body`, and turns a failed call into one line on stderr and exit 1. */
export async function withConnection(
  values: ConnectionValues,
  env: Env,
  io: CliIo,
  body: (connection: Connection) => Promise<number>,
): Promise<number> {
  let connection: Connection | null = null;
  try {
    connection = connect(values, env);
    return await body(connection);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.stderr.write(`regula: ${describeControlError(error, connection)}\n`);
    return 1;
  }
}

export function printHelp(io: CliIo, help: string): number {
  io.stdout.write(help);
  return 0;
}
