import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DAY_MS } from "../clock.js";
import type { ObservedRequest } from "../sandbox/served-tracker.js";
import { ArchiverProcess, type OutputLine, readOutputFile } from "./archiver-process.js";
import type { ControlPlane, MessageInput, WorldApplication, WorldMember } from "./control-plane.js";
import type { Tick, TruthEvent } from "./judge.js";
import type { MessageOptions, ScenarioContext } from "./scenario.js";
import { TokenLedger } from "./token-ledger.js";

const TICK_MS = 100;
/** No new output, served event or refused request for this long: the archiver is stuck. */
const SETTLE_IDLE_MS = 6_000;
/**
 * The same while the archiver's last answer was a 429 or 5xx: it is backing off, and an
 * exponential backoff with jitter may wait several seconds before its next try.
 */
const SETTLE_BACKOFF_IDLE_MS = 20_000;
const SETTLE_MAX_MS = 60_000;
export const RETENTION_MS = 28 * DAY_MS;

export interface DriverProgress {
  virtualMs: number;
  events: number;
  archived: number;
  note: string;
}

/** Everything a scenario left behind for the judge. */
export interface ScenarioRecord {
  members: Map<string, string>;
  truth: TruthEvent[];
  ticks: Tick[];
  output: OutputLine[];
  requests: ObservedRequest[];
  endVirtualMs: number;
  archiverStarts: number;
  unexpectedExits: string[];
}

/**
 * Drives one scenario: builds the world through the control plane, runs the archiver with
 * the environment contract, samples the world every 100 ms (virtual time, archiver running,
 * valid tokens) and collects Regula's ground truth as it goes (before the purge removes it).
 */
export class ScenarioDriver implements ScenarioContext {
  app!: WorldApplication;
  readonly size: number;
  private offsetMs = 0;
  private readonly members = new Map<string, WorldMember>();
  private readonly tokens: TokenLedger;
  private readonly truth = new Map<number, TruthEvent>();
  private readonly ticks: Tick[] = [];
  private readonly requests: ObservedRequest[] = [];
  private lastSeq = 0;
  private archiverStartSeq: number | null = null;
  private readonly archiver: ArchiverProcess;
  private readonly tokensFile: string;
  private readonly outputFile: string;
  private ticking = false;
  private tickLoop: Promise<void> = Promise.resolve();
  private messageCount = 0;
  private lastNote = "";

  constructor(
    private readonly plane: ControlPlane,
    private readonly options: {
      command: string;
      workDir: string;
      random: () => number;
      size: number;
      writerUrls: (count: number) => Promise<string[]>;
      onProgress?: (progress: DriverProgress) => void;
    },
  ) {
    this.size = options.size;
    fs.mkdirSync(path.join(options.workDir, "state"), { recursive: true });
    this.tokensFile = path.join(options.workDir, "member-tokens.json");
    this.outputFile = path.join(options.workDir, "archive-output.jsonl");
    this.tokens = new TokenLedger(this.tokensFile);
    this.archiver = new ArchiverProcess(
      options.command,
      {
        REGULA_BASE_URL: plane.baseUrl,
        REGULA_CLIENT_ID: "",
        REGULA_CLIENT_SECRET: "",
        REGULA_MEMBER_TOKENS: this.tokensFile,
        REGULA_ARCHIVE_OUTPUT: this.outputFile,
        REGULA_STATE_DIR: path.join(options.workDir, "state"),
      },
      path.join(options.workDir, "archiver.log"),
    );
  }

  random(): number {
    return this.options.random();
  }

  /** Empties the world, sets the clock, creates the archiver's application, starts sampling. */
  async begin(clockBehindHostMs: number): Promise<void> {
    await this.plane.reset();
    await this.plane.setClock({ setTo: Date.now() - clockBehindHostMs });
    await this.readClock();
    this.app = await this.plane.createApplication("Archiver under certification");
    this.archiver.env.REGULA_CLIENT_ID = this.app.clientId;
    this.archiver.env.REGULA_CLIENT_SECRET = this.app.clientSecret;
    this.ticking = true;
    this.tickLoop = this.runTicks();
  }

  /** Stops the archiver, takes the last samples and hands everything to the judge. */
  async end(): Promise<ScenarioRecord> {
    await this.archiver.stop();
    this.ticking = false;
    await this.tickLoop;
    await this.snapshot();
    await this.pullRequests();
    this.tick();
    return {
      members: new Map([...this.members.values()].map((m) => [m.id, m.urn])),
      truth: [...this.truth.values()],
      ticks: this.ticks,
      output: readOutputFile(this.outputFile),
      requests: this.requests,
      endVirtualMs: this.nowV(),
      archiverStarts: this.archiver.starts,
      unexpectedExits: [...this.archiver.unexpectedExits],
    };
  }

  /** Kills whatever is still running after a scenario failed to complete. */
  async abort(): Promise<void> {
    this.ticking = false;
    await this.archiver.kill();
    await this.tickLoop;
  }

  async createApplication(name: string): Promise<WorldApplication> {
    return this.plane.createApplication(name);
  }

  async addMembers(count: number, options: { consent?: boolean } = {}): Promise<WorldMember[]> {
    const created: WorldMember[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.members.size + 1;
      const member = await this.plane.createMember(`Member${n}`, `Certify${n}`);
      this.members.set(member.id, member);
      created.push(member);
      if (options.consent !== false) await this.consent(member);
    }
    return created;
  }

  async consent(member: WorldMember, app: WorldApplication = this.app): Promise<void> {
    const { access_token, expires_in } = await this.plane.issueToken(member.id, app.id);
    await this.plane.optIn(access_token);
    if (app.id !== this.app.id) return;
    this.tokens.issue(member, access_token, this.nowV(), expires_in * 1000);
  }

  async reconsent(member: WorldMember): Promise<void> {
    await this.consent(member);
  }

  async optOut(member: WorldMember): Promise<void> {
    const record = this.tokens.tokenOf(member);
    await this.plane.optOut(record.token, this.app.urn, member.urn);
  }

  async optIn(member: WorldMember): Promise<void> {
    await this.plane.optIn(this.tokens.tokenOf(member).token);
  }

  async removeApp(member: WorldMember): Promise<void> {
    await this.plane.removeApplication(member.id, this.app.id);
    this.tokens.revoke(member, this.nowV());
  }

  async messages(count: number, members: readonly WorldMember[], options: MessageOptions = {}) {
    await this.plane.sendBatch(this.draft(count, members, options), options.writer);
    await this.snapshot();
  }

  async messagesOneByOne(
    count: number,
    members: readonly WorldMember[],
    options: MessageOptions = {},
  ) {
    for (const message of this.draft(count, members, options)) {
      await this.plane.send(message, options.writer);
    }
    await this.snapshot();
  }

  writerUrls(count: number): Promise<string[]> {
    return this.options.writerUrls(count);
  }

  async advance(ms: number): Promise<void> {
    await this.snapshot();
    await this.plane.setClock({ advanceMs: ms });
    await this.readClock();
    this.tick();
  }

  async startArchiver(): Promise<void> {
    this.archiverStartSeq = this.lastSeq;
    this.archiver.start();
    this.note("archiver started");
  }

  async stopArchiver(): Promise<void> {
    await this.archiver.stop();
    this.archiverStartSeq = null;
    this.note("archiver stopped");
  }

  async killArchiver(): Promise<void> {
    await this.archiver.kill();
    this.archiverStartSeq = null;
    this.note("archiver killed (SIGKILL)");
  }

  async settle(): Promise<void> {
    const started = Date.now();
    let lastChange = Date.now();
    let lastSignature = "";
    for (;;) {
      await this.snapshot();
      const output = readOutputFile(this.outputFile);
      const archived = new Set(output.flatMap((l) => ("id" in l ? [l.id] : [])));
      const now = this.nowV();
      const valid = new Set(this.tokens.validMembers(now));
      const due = [...this.truth.values()].filter(
        (e) => valid.has(e.member) && e.processedAt >= now - RETENTION_MS && !archived.has(e.id),
      );
      this.progress(archived.size);
      if (this.archiver.running && due.length === 0 && this.archiverStartSeq !== null) return;
      const served = [...this.truth.values()].filter((e) => e.firstServedAt !== null).length;
      // Answers refused by a fault or throttle mean the archiver is still fighting its way
      // through; polls that find nothing new are not progress.
      const refused = this.requests.filter((r) => r.status >= 400).length;
      const signature = `${output.length}/${served}/${refused}`;
      if (signature !== lastSignature) {
        lastSignature = signature;
        lastChange = Date.now();
      }
      const last = this.requests.at(-1);
      const backingOff = last !== undefined && (last.status === 429 || last.status >= 500);
      const idleLimit = backingOff ? SETTLE_BACKOFF_IDLE_MS : SETTLE_IDLE_MS;
      if (Date.now() - lastChange > idleLimit || Date.now() - started > SETTLE_MAX_MS) return;
      await sleep(TICK_MS);
    }
  }

  async waitUntilServed(count: number, timeoutMs = 20_000): Promise<boolean> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      await this.snapshot();
      const served = [...this.truth.values()].filter((e) => e.firstServedAt !== null).length;
      if (served >= count) return true;
      await sleep(20);
    }
    return false;
  }

  async addFault(spec: Record<string, unknown>): Promise<void> {
    await this.plane.addFault(spec);
  }

  async clearFaults(): Promise<void> {
    await this.plane.clearFaults();
  }

  sleepReal(ms: number): Promise<void> {
    return sleep(ms);
  }

  note(text: string): void {
    this.lastNote = text;
    this.progress(null);
  }

  /** Regula's events of the archiver's app, with first-served times, merged into the truth. */
  private async snapshot(): Promise<void> {
    const coverage = await this.plane.coverageEvents(this.app.id);
    for (const { member, events } of coverage.members) {
      const memberId = member.replace(/^urn:li:person:/, "");
      for (const event of events) {
        const known = this.truth.get(event.id);
        this.truth.set(event.id, {
          id: event.id,
          member: memberId,
          processedAt: event.processedAt,
          firstServedAt: known?.firstServedAt ?? event.firstServedAt,
        });
      }
    }
  }

  private async pullRequests(): Promise<void> {
    const fresh = await this.plane.requestsAfter(this.lastSeq);
    for (const request of fresh) {
      this.requests.push(request);
      this.lastSeq = request.seq;
    }
  }

  private async runTicks(): Promise<void> {
    while (this.ticking) {
      try {
        await this.pullRequests();
      } catch {
        // The world may be between calls; the next tick catches up.
      }
      this.tick();
      await sleep(TICK_MS);
    }
  }

  private tick(): void {
    const now = Date.now();
    const startSeq = this.archiverStartSeq;
    const polled =
      startSeq !== null &&
      this.requests.some(
        (r) => r.seq > startSeq && r.path !== "/rest/memberComplianceAuthorizations",
      );
    this.ticks.push({
      realMs: now,
      virtualMs: now + this.offsetMs,
      // An archiver that crashed is still "running" for the judge: its misses are its own.
      running: polled,
      validMembers: this.tokens.validMembers(now + this.offsetMs),
    });
  }

  private nowV(): number {
    return Date.now() + this.offsetMs;
  }

  private async readClock(): Promise<void> {
    const before = Date.now();
    const { now } = await this.plane.clock();
    this.offsetMs = now - Math.round((before + Date.now()) / 2);
  }

  private draft(
    count: number,
    members: readonly WorldMember[],
    options: MessageOptions,
  ): MessageInput[] {
    const people = [...members, ...(options.outsiders ?? [])];
    const drafts: MessageInput[] = [];
    for (let i = 0; i < count; i++) {
      const from = members[Math.floor(this.random() * members.length)] as WorldMember;
      const others = people.filter((p) => p.id !== from.id);
      const to = others.length > 0 ? others[Math.floor(this.random() * others.length)] : undefined;
      if (!to) throw new Error("a message needs two people");
      this.messageCount += 1;
      drafts.push({ from: from.urn, to: [to.urn], text: `certify message ${this.messageCount}` });
    }
    return drafts;
  }

  private progress(archived: number | null): void {
    this.options.onProgress?.({
      virtualMs: this.nowV(),
      events: this.truth.size,
      archived: archived ?? -1,
      note: this.lastNote,
    });
  }
}
