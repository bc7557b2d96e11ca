import { type ChildProcess, execFile, spawn } from "node:child_process";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

const entry = () => ["--import", "tsx", path.join(repoRoot, "src/main.ts")];
const cleanEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  ...env,
});

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `regula …` as a user would, in its own process (through tsx, from the sources), with
 * only the environment given (no REGULA_* of the machine running the tests leaks in).
 */
export function runRegula(
  args: string[],
  env: Record<string, string> = {},
  cwd = repoRoot,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...entry(), ...args],
      {
        cwd,
        env: cleanEnv(env),
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface RegulaProcess {
  child: ChildProcess;
  /** The address its banner names (`http://127.0.0.1:<port>`). */
  baseUrl: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * Starts `regula serve …` in its own process, like runRegula (sources through tsx, only the
 * environment given), and resolves once its banner says where it listens. Fails with what
 * it wrote if it exits first or is not ready in time; the caller stops it (SIGTERM).
 */
export async function spawnRegulaServe(
  args: string[],
  env: Record<string, string>,
): Promise<RegulaProcess> {
  const child = spawn(process.execPath, [...entry(), "serve", ...args], {
    cwd: repoRoot,
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const baseUrl = /listening on (http:\/\/\S+) /.exec(output)?.[1];
    if (baseUrl) return { child, baseUrl, output: () => output, exited };
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`regula serve did not start listening:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
