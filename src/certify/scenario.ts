import type { WorldApplication, WorldMember } from "./control-plane.js";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * A named, seeded way of breaking pollers. `run` drives the world through the context while
 * the archiver runs; the runner judges afterwards. Same seed, same world, messages and faults.
 */
export interface Scenario {
  name: string;
  /** One paragraph: what it does and which way of polling it is designed to break. */
  description: string;
  /** The polling cadence the scenario expects (virtual ms); lateness is reported against it. */
  cadenceMs: number;
  /** Starts the virtual clock this far behind the host clock (clock-skew). */
  clockBehindHostMs?: number;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface MessageOptions {
  /** Base URL of the writer (another process on PostgreSQL); default the main server. */
  writer?: string;
  /** Extra people who take part without being regulated. */
  outsiders?: readonly WorldMember[];
}

/** What a scenario may do to the world. Every call goes through the control plane or /rest. */
export interface ScenarioContext {
  /** Deterministic for (seed, scenario). */
  random(): number;
  /** Scale factor: 1 by default; tests run smaller worlds. */
  size: number;
  /** The application whose credentials the archiver holds. */
  app: WorldApplication;
  createApplication(name: string): Promise<WorldApplication>;
  /** New members; each consents to the archiver's app unless `consent` is false. */
  addMembers(count: number, options?: { consent?: boolean }): Promise<WorldMember[]>;
  /** Issues a token, opts in through /rest, and (for the archiver's app) writes the tokens file. */
  consent(member: WorldMember, app?: WorldApplication): Promise<void>;
  /** A fresh token for the archiver's app, replacing the old one in the tokens file. */
  reconsent(member: WorldMember): Promise<void>;
  optOut(member: WorldMember): Promise<void>;
  optIn(member: WorldMember): Promise<void>;
  /** The member removes the archiver's app in their privacy settings: tokens die. */
  removeApp(member: WorldMember): Promise<void>;
  /** `count` seeded messages among `members`, in one batch (one transaction, one millisecond). */
  messages(count: number, members: readonly WorldMember[], options?: MessageOptions): Promise<void>;
  /** `count` messages one request each (separate transactions). */
  messagesOneByOne(
    count: number,
    members: readonly WorldMember[],
    options?: MessageOptions,
  ): Promise<void>;
  writerUrls(count: number): Promise<string[]>;
  advance(ms: number): Promise<void>;
  startArchiver(): Promise<void>;
  /** SIGTERM and wait. */
  stopArchiver(): Promise<void>;
  /** SIGKILL now. */
  killArchiver(): Promise<void>;
  /** Waits until the archiver has everything that is due, or makes no progress for a while. */
  settle(): Promise<void>;
  /** Waits until `count` events of the app were served (or a timeout), for mid-crawl actions. */
  waitUntilServed(count: number, timeoutMs?: number): Promise<boolean>;
  addFault(spec: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  sleepReal(ms: number): Promise<void>;
  note(text: string): void;
}
