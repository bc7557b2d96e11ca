import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** How long a SIGTERM'd archiver may take to finish its page before it is killed. */
const STOP_GRACE_MS = 8_000;

/** The environment contract of docs/certify.md, as the archiver receives it. */
export interface ArchiverEnv {
  REGULA_BASE_URL: string;
  REGULA_CLIENT_ID: string;
  REGULA_CLIENT_SECRET: string;
  REGULA_MEMBER_TOKENS: string;
  REGULA_ARCHIVE_OUTPUT: string;
  REGULA_STATE_DIR: string;
}

/**
 * The archiver under test: a shell command in its own process group, so that SIGTERM and
 * SIGKILL reach everything it started (`npm run …` → sh → node), not only the shell.
 */
export class ArchiverProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;
  starts = 0;
  /** Exits the scenario did not ask for (a crash, a refusal to start): each is a finding. */
  readonly unexpectedExits: string[] = [];

  constructor(
    private readonly command: string,
    /** Filled in once the scenario's application exists. */
    readonly env: ArchiverEnv,
    private readonly logFile: string,
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child) throw new Error("the archiver is already running");
    const log = fs.openSync(this.logFile, "a");
    const child = spawn(this.command, {
      shell: true,
      detached: true,
      stdio: ["ignore", log, log],
      env: { ...process.env, ...this.env },
    });
    fs.closeSync(log);
    this.starts += 1;
    this.child = child;
    this.stopping = false;
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        if (!this.stopping) this.unexpectedExits.push(signal ? `signal ${signal}` : `code ${code}`);
        if (this.child === child) this.child = null;
        resolve();
      });
    });
  }

  /**
   * SIGTERM to the whole group, then waits for every process of it (not only the shell: `npm`
   * exits at once while the archiver beneath it finishes its page), SIGKILL after the grace.
   */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.stopping = true;
    this.signal(child, "SIGTERM");
    const gone = await waitForGroupToExit(child.pid, STOP_GRACE_MS);
    if (!gone) this.signal(child, "SIGKILL");
    await this.exited;
    await waitForGroupToExit(child.pid, STOP_GRACE_MS);
  }

  /** SIGKILL now, as a crash would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.stopping = true;
    this.signal(child, "SIGKILL");
    await this.exited;
    await waitForGroupToExit(child.pid, STOP_GRACE_MS);
  }

  private signal(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Polls until no live (non-zombie) process is left in the group, or the time is up. */
async function waitForGroupToExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (liveProcessesInGroup(pgid) > 0) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** Linux's /proc; elsewhere falls back to signal 0, which also counts zombies. */
function liveProcessesInGroup(pgid: number): number {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    try {
      process.kill(-pgid, 0);
      return 1;
    } catch {
      return 0;
    }
  }
  let live = 0;
  for (const pid of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name: state, ppid, pgrp.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") live += 1;
    } catch {
      // Exited while we looked.
    }
  }
  return live;
}

/** Replaces the tokens file atomically (write beside it, rename over), as the contract says. */
export function writeTokensFile(file: string, tokens: Record<string, string>): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** One line of the archiver's output file. */
export type OutputLine = { id: number; owner: string | null } | { malformed: string };

export function readOutputFile(file: string): OutputLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const lines: OutputLine[] = [];
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  for (const line of complete.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line) as { id?: unknown; owner?: unknown };
      if (typeof value.id === "number" && Number.isSafeInteger(value.id)) {
        lines.push({ id: value.id, owner: typeof value.owner === "string" ? value.owner : null });
      } else lines.push({ malformed: line.slice(0, 200) });
    } catch {
      lines.push({ malformed: line.slice(0, 200) });
    }
  }
  return lines;
}
