import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

export interface Child {
  process: ChildProcess;
  pid: number;
  /** The last lines the child wrote on stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** Spawns `command` with stdout ignored (or piped when `pipeStdout`) and stderr kept for errors. */
export function spawnChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; pipeStdout?: boolean } = {},
): Child {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ["ignore", options.pipeStdout ? "pipe" : "ignore", "pipe"],
  });
  let tail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-4000);
  });
  // A child that dies mid-run (killed from outside, or crashed) says so, with its last words.
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) {
      process.stderr.write(
        `bench: child ${child.pid} (${path.basename(args[0] ?? command)} ${args.slice(1, 2).join(" ")}) exited: ${signal ?? code}\n${tail.slice(-1000)}\n`,
      );
    }
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return {
    process: child,
    pid: child.pid ?? 0,
    stderrTail: () => tail,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Runs a child to completion and returns its stdout; rejects on a non-zero exit. With
 * `forwardStderr` its stderr (progress lines) is copied to ours.
 */
export function runChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; forwardStderr?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString("utf8")).slice(-4000);
      if (options.forwardStderr) process.stderr.write(chunk);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${err}`));
    });
  });
}

/**
 * Polls `url` every 20 ms until it answers 2xx (any status with `anyStatus`); throws if
 * `child` exits or `timeoutMs` pass.
 */
export async function waitForHttp(
  url: string,
  child: Child,
  timeoutMs = 60_000,
  anyStatus = false,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(`the child exited with ${child.process.exitCode}: ${child.stderrTail()}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok || anyStatus) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url}: no answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
