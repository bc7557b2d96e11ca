import type { ObservedRequest } from "../sandbox/served-tracker.js";
import type { OutputLine } from "./archiver-process.js";

/** One event of the archiver's application, as Regula knows it. */
export interface TruthEvent {
  id: number;
  member: string;
  processedAt: number;
  firstServedAt: number | null;
}

/**
 * A sample of the world taken every ~100 ms of host time: the virtual time, whether the
 * archiver was running (and had made its first request), and which members it held a valid
 * token for (in the tokens file, issued, not expired, not revoked).
 */
export interface Tick {
  realMs: number;
  virtualMs: number;
  running: boolean;
  validMembers: readonly string[];
}

export interface JudgeInput {
  /** member URN per member id, for the report. */
  members: ReadonlyMap<string, string>;
  truth: readonly TruthEvent[];
  ticks: readonly Tick[];
  output: readonly OutputLine[];
  requests: readonly ObservedRequest[];
  /** Tags of the member tokens certify issued (to recognise dead-token polling). */
  retentionMs: number;
  endVirtualMs: number;
  /** An event visible this long (host time) to a running archiver with a token was due. */
  chanceMs: number;
  cadenceMs: number;
  /** How the archiver exited when nobody stopped it ("code 1", "signal SIGSEGV"). */
  unexpectedExits?: readonly string[];
}

export type MissReason =
  | "aged-out-never-served"
  | "served-not-archived"
  | "never-served-cursor-passed";

export interface Lateness {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  overCadence: number;
}

export interface MemberVerdict {
  member: string;
  expected: number;
  archived: number;
  missed: Array<{ id: number; processedAt: number; reason: MissReason }>;
  /** Aged out before the archiver ever had a chance: reported apart, never blamed. */
  missedByWindow: Array<{ id: number; processedAt: number }>;
  duplicates: number[];
  late: Lateness;
}

export interface ProtocolFinding {
  kind:
    | "ignored-retry-after"
    | "missing-linkedin-version"
    | "polled-with-dead-token"
    | "archiver-exited";
  count: number;
  detail: string;
}

export interface Verdict {
  members: MemberVerdict[];
  unexpected: Array<{ id: number; owner: string | null }>;
  malformedLines: number;
  protocol: ProtocolFinding[];
  totals: {
    expected: number;
    archived: number;
    missed: number;
    missedByWindow: number;
    duplicates: number;
    unexpected: number;
  };
  late: Lateness;
  passed: boolean;
}

/** Requests within this much of a Retry-After deadline count as honouring it (clock jitter). */
const RETRY_AFTER_SLACK_MS = 150;
/** 401 answers one token may get before it counts as "kept polling with a dead token". */
const DEAD_TOKEN_ALLOWANCE = 2;

/** Ground truth vs the archiver's output vs what the Events API served. Pure. */
export function judge(input: JudgeInput): Verdict {
  const byMember = new Map<string, TruthEvent[]>();
  const truthById = new Map<number, TruthEvent>();
  for (const member of input.members.keys()) byMember.set(member, []);
  for (const event of input.truth) {
    truthById.set(event.id, event);
    let list = byMember.get(event.member);
    if (!list) {
      list = [];
      byMember.set(event.member, list);
    }
    list.push(event);
  }
  const outputCount = new Map<number, number>();
  const unexpected: Verdict["unexpected"] = [];
  let malformedLines = 0;
  for (const line of input.output) {
    if ("malformed" in line) {
      malformedLines += 1;
      continue;
    }
    const truth = truthById.get(line.id);
    const ownerUrn = truth ? input.members.get(truth.member) : undefined;
    if (!truth || (line.owner !== null && ownerUrn !== undefined && line.owner !== ownerUrn)) {
      if (!outputCount.has(line.id)) unexpected.push({ id: line.id, owner: line.owner });
      outputCount.set(line.id, (outputCount.get(line.id) ?? 0) + 1);
      continue;
    }
    outputCount.set(line.id, (outputCount.get(line.id) ?? 0) + 1);
  }
  const unexpectedIds = new Set(unexpected.map((u) => u.id));

  const members: MemberVerdict[] = [];
  const allLags: number[] = [];
  for (const [member, events] of byMember) {
    const verdict: MemberVerdict = {
      member: input.members.get(member) ?? member,
      expected: 0,
      archived: 0,
      missed: [],
      missedByWindow: [],
      duplicates: [],
      late: emptyLateness(),
    };
    const lags: number[] = [];
    for (const event of events.sort((a, b) => a.processedAt - b.processedAt || a.id - b.id)) {
      const times = unexpectedIds.has(event.id) ? 0 : (outputCount.get(event.id) ?? 0);
      const due = chanceMs(event, input) >= input.chanceMs;
      if (times > 1) verdict.duplicates.push(event.id);
      if (times > 0) {
        verdict.expected += 1;
        verdict.archived += 1;
        if (event.firstServedAt !== null)
          lags.push(Math.max(0, event.firstServedAt - event.processedAt));
        continue;
      }
      const agedOut = event.processedAt + input.retentionMs <= input.endVirtualMs;
      if (!due) {
        if (agedOut) verdict.missedByWindow.push({ id: event.id, processedAt: event.processedAt });
        continue;
      }
      verdict.expected += 1;
      const reason: MissReason =
        event.firstServedAt !== null
          ? "served-not-archived"
          : agedOut
            ? "aged-out-never-served"
            : "never-served-cursor-passed";
      verdict.missed.push({ id: event.id, processedAt: event.processedAt, reason });
    }
    verdict.late = lateness(lags, input.cadenceMs);
    allLags.push(...lags);
    members.push(verdict);
  }

  const protocol = protocolFindings(input.requests);
  const exits = input.unexpectedExits ?? [];
  if (exits.length > 0) {
    protocol.push({
      kind: "archiver-exited",
      count: exits.length,
      detail: `the archiver exited ${exits.length} time(s) while it should have been running (${exits.join(", ")}); see archiver.log`,
    });
  }
  const sum = (f: (m: MemberVerdict) => number) => members.reduce((s, m) => s + f(m), 0);
  const totals = {
    expected: sum((m) => m.expected),
    archived: sum((m) => m.archived),
    missed: sum((m) => m.missed.length),
    missedByWindow: sum((m) => m.missedByWindow.length),
    duplicates: sum((m) => m.duplicates.length),
    unexpected: unexpected.length,
  };
  return {
    members,
    unexpected,
    malformedLines,
    protocol,
    totals,
    late: lateness(allLags, input.cadenceMs),
    passed:
      totals.missed === 0 &&
      totals.duplicates === 0 &&
      totals.unexpected === 0 &&
      malformedLines === 0 &&
      protocol.length === 0,
  };
}

/**
 * Host milliseconds during which the event was readable by the archiver: it existed and had
 * not aged out (virtual time), the archiver was running, and it held a valid token.
 */
export function chanceMs(
  event: TruthEvent,
  input: Pick<JudgeInput, "ticks" | "retentionMs">,
): number {
  let total = 0;
  const { ticks } = input;
  for (let i = 0; i < ticks.length - 1; i++) {
    const tick = ticks[i] as Tick;
    if (!tick.running || !tick.validMembers.includes(event.member)) continue;
    if (tick.virtualMs < event.processedAt) continue;
    if (tick.virtualMs >= event.processedAt + input.retentionMs) continue;
    total += (ticks[i + 1] as Tick).realMs - tick.realMs;
  }
  return total;
}

function protocolFindings(requests: readonly ObservedRequest[]): ProtocolFinding[] {
  const findings: ProtocolFinding[] = [];
  const noVersion = requests.filter((r) => r.path.startsWith("/rest/") && !r.linkedInVersion);
  if (noVersion.length > 0) {
    findings.push({
      kind: "missing-linkedin-version",
      count: noVersion.length,
      detail: `${noVersion.length} /rest request(s) without LinkedIn-Version, first ${noVersion[0]?.method} ${noVersion[0]?.path}`,
    });
  }
  let ignored = 0;
  let example = "";
  for (const answer of requests) {
    if ((answer.status !== 429 && answer.status !== 503) || answer.retryAfter === null) continue;
    if (!/^\d+$/.test(answer.retryAfter)) continue;
    const deadline = answer.answeredAtMs + Number(answer.retryAfter) * 1000 - RETRY_AFTER_SLACK_MS;
    const early = requests.find(
      (r) =>
        r.seq > answer.seq &&
        r.method === answer.method &&
        r.path === answer.path &&
        r.arrivedAtMs >= answer.answeredAtMs &&
        r.arrivedAtMs < deadline,
    );
    if (early) {
      ignored += 1;
      example ||= `${answer.method} ${answer.path} answered ${answer.status} with Retry-After ${answer.retryAfter}s, called again after ${early.arrivedAtMs - answer.answeredAtMs} ms`;
    }
  }
  if (ignored > 0) findings.push({ kind: "ignored-retry-after", count: ignored, detail: example });
  const deadByTag = new Map<string, number>();
  for (const r of requests) {
    if (r.path !== "/rest/complianceEvents" || r.status !== 401 || !r.tokenTag) continue;
    deadByTag.set(r.tokenTag, (deadByTag.get(r.tokenTag) ?? 0) + 1);
  }
  const dead = [...deadByTag.values()].filter((n) => n > DEAD_TOKEN_ALLOWANCE);
  if (dead.length > 0) {
    const calls = dead.reduce((s, n) => s + n, 0);
    findings.push({
      kind: "polled-with-dead-token",
      count: calls,
      detail: `${dead.length} token(s) answered 401 (revoked or expired) and kept being used: ${calls} calls`,
    });
  }
  return findings;
}

function emptyLateness(): Lateness {
  return { count: 0, p50Ms: null, p99Ms: null, maxMs: null, overCadence: 0 };
}

/** Nearest-rank percentiles of the lags from processedAt to first served. */
export function lateness(lags: readonly number[], cadenceMs: number): Lateness {
  if (lags.length === 0) return emptyLateness();
  const sorted = [...lags].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  return {
    count: sorted.length,
    p50Ms: rank(0.5),
    p99Ms: rank(0.99),
    maxMs: sorted.at(-1) as number,
    overCadence: sorted.filter((lag) => lag > cadenceMs).length,
  };
}
