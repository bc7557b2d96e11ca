import { DAY_MS } from "../clock.js";
import { acquireArchiveLock } from "./archive-lock.js";
import { ArchiveOutput } from "./archive-output.js";
import { type ArchiverConfig, loadMemberTokens, type MemberToken } from "./archiver-config.js";
import { ArchiverError, ServerUnreachableError, TokenInactiveError } from "./archiver-errors.js";
import { ComplianceApi } from "./compliance-api.js";
import { type FetchLike, type Sleep, StopRequestedError } from "./http-transport.js";
import { MemberArchive } from "./member-archive.js";
import { authorizationOrUnknown, MemberObserver } from "./observe-member.js";
import { pollMemberEvents } from "./poll-member-events.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";

export type MemberStatus = "archived" | "needs-reauthorization" | "failed" | "stopped";

export interface MemberOutcome {
  member: string;
  status: MemberStatus;
  fetched: number;
  appended: number;
  pages: number;
  detail?: string;
}

export interface PassReport {
  outcomes: MemberOutcome[];
  /**
   * Run-wide problems that make the pass a failure even when every member was archived
   * (the server refused the client credentials): the CLI exits 1 naming them.
   */
  problems: string[];
  startedAtMs: number;
  finishedAtMs: number;
}

/** What a run reports as it goes; the CLI renders these as progress. */
export type ArchiverEvent =
  | { type: "pass-started"; members: number }
  | { type: "page"; member: string; fetched: number; appended: number }
  | { type: "retry"; member: string; attempt: number; reason: string; delayMs: number }
  | { type: "notice"; member: string | null; message: string }
  | { type: "member-finished"; outcome: MemberOutcome }
  | { type: "pass-finished"; report: PassReport }
  | { type: "waiting"; untilMs: number };

/** Everything from outside the archiver, injectable so tests control failures and time. */
export interface ArchiverDeps {
  fetch: FetchLike;
  sleep: Sleep;
  random: () => number;
  nowMs: () => number;
  retryPolicy?: RetryPolicy;
  /** Stops the run between pages (and cuts waits short). */
  signal?: AbortSignal;
  onEvent?: (event: ArchiverEvent) => void;
}

/**
 * `archive run`: one pass over every member (`followIntervalMs` null), or a pass every
 * `followIntervalMs` until `signal` aborts. Holds the directory's lock throughout and reads
 * the members file again before each pass. Returns the last pass's report.
 */
export async function runArchiver(
  config: ArchiverConfig,
  deps: ArchiverDeps,
  followIntervalMs: number | null = null,
): Promise<PassReport> {
  const release = await acquireArchiveLock(config.archiveDir);
  try {
    const output = config.outputFile ? await ArchiveOutput.open(config.outputFile) : undefined;
    let members = await loadMemberTokens(config.membersFile);
    for (let pass = 1; ; pass++) {
      if (pass > 1) members = await reloadMemberTokens(config, members, deps);
      const report = await archivePass(config, members, deps, output);
      if (followIntervalMs === null || deps.signal?.aborted) return report;
      deps.onEvent?.({ type: "waiting", untilMs: deps.nowMs() + followIntervalMs });
      try {
        await deps.sleep(followIntervalMs, deps.signal);
      } catch (error) {
        if (deps.signal?.aborted) return report;
        throw error;
      }
    }
  } finally {
    await release();
  }
}

/**
 * The members file again, for the next pass of `--follow`. A file caught half-edited must not
 * end a long-running archiver: the previous list is kept and the problem reported.
 */
async function reloadMemberTokens(
  config: ArchiverConfig,
  previous: MemberToken[],
  deps: ArchiverDeps,
): Promise<MemberToken[]> {
  try {
    return await loadMemberTokens(config.membersFile);
  } catch (error) {
    const message = `${(error as Error).message}; keeping the previous list of ${previous.length} members`;
    deps.onEvent?.({ type: "notice", member: null, message });
    return previous;
  }
}

/** One pass: each member in turn; a member's failure is reported and the next one goes on. */
export async function archivePass(
  config: ArchiverConfig,
  members: readonly MemberToken[],
  deps: ArchiverDeps,
  output?: ArchiveOutput,
): Promise<PassReport> {
  const startedAtMs = deps.nowMs();
  deps.onEvent?.({ type: "pass-started", members: members.length });
  const outcomes: MemberOutcome[] = [];
  // Run-wide problems (bad client credentials) are said once per pass, not once per member.
  const said = new Set<string>();
  const problems = new Set<string>();
  const noticeOnce = (message: string, problem = false) => {
    if (problem) problems.add(message);
    if (said.has(message)) return;
    said.add(message);
    deps.onEvent?.({ type: "notice", member: null, message });
  };
  // A server that never answered is tried again next pass, not once more per member.
  let unreachable: string | null = null;
  const onUnreachable = (message: string) => {
    unreachable = message;
  };
  for (const member of members) {
    const empty = { member: member.member, fetched: 0, appended: 0, pages: 0 };
    const outcome: MemberOutcome = deps.signal?.aborted
      ? { ...empty, status: "stopped" }
      : unreachable !== null
        ? { ...empty, status: "failed", detail: `not tried: ${unreachable}` }
        : await archiveMember(config, member, deps, noticeOnce, output, onUnreachable);
    outcomes.push(outcome);
    deps.onEvent?.({ type: "member-finished", outcome });
  }
  const report = { outcomes, problems: [...problems], startedAtMs, finishedAtMs: deps.nowMs() };
  deps.onEvent?.({ type: "pass-finished", report });
  return report;
}

async function archiveMember(
  config: ArchiverConfig,
  { member, accessToken }: MemberToken,
  deps: ArchiverDeps,
  noticeOnce: (message: string, problem?: boolean) => void,
  output: ArchiveOutput | undefined,
  onUnreachable: (message: string) => void = () => {},
): Promise<MemberOutcome> {
  const counts = { fetched: 0, appended: 0, pages: 0 };
  const notice = (message: string) => deps.onEvent?.({ type: "notice", member, message });
  const api = new ComplianceApi(config.baseUrl, {
    fetch: deps.fetch,
    sleep: deps.sleep,
    random: deps.random,
    nowMs: deps.nowMs,
    policy: deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
    onRetry: (retry) => deps.onEvent?.({ type: "retry", member, ...retry }),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  let observer: MemberObserver | undefined;
  try {
    observer = await MemberObserver.open(config.archiveDir, member, accessToken, deps.nowMs);
    // Introspection first: it tells an expiring token before it fails, and catches a token of
    // another application, whose events would otherwise be archived as this one's.
    const check = await api.introspectToken(config, accessToken);
    await observer.introspected(check);
    if (check.kind === "inactive") throw new TokenInactiveError(check.status);
    if (check.kind === "unavailable") noticeOnce(check.reason, check.clientRejected === true);
    if (check.kind === "active") {
      const daysLeft = Math.floor((check.expiresAtMs - deps.nowMs()) / DAY_MS);
      if (daysLeft < config.expiryWarningDays) {
        notice(
          `token expires ${new Date(check.expiresAtMs).toISOString()} (in ${daysLeft} days): ask the member to authorize the application again`,
        );
      }
      // Only a live token can ask; the answer is context for the capture window.
      await observer.authorization(
        await authorizationOrUnknown(() => api.fetchAuthorizationStatus(accessToken)),
      );
    }
    const { archive, repairs } = await MemberArchive.open(config.archiveDir, member);
    for (const repair of repairs) notice(repair);
    const result = await pollMemberEvents({
      api,
      archive,
      token: accessToken,
      pageSize: config.pageSize,
      ...(output ? { output } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      onPage: (page) => {
        counts.fetched += page.fetched;
        counts.appended += page.appended;
        counts.pages += 1;
        deps.onEvent?.({ type: "page", member, ...page });
      },
    });
    if (counts.pages > 0) await observer.eventsAccepted();
    return { member, status: result.stopped ? "stopped" : "archived", ...counts };
  } catch (error) {
    // The member's outcome is the error at hand; a failure to note it must not replace it.
    await observer?.eventsFailed(error).catch(() => {});
    if (error instanceof StopRequestedError) return { member, status: "stopped", ...counts };
    if (error instanceof ServerUnreachableError) onUnreachable(error.message);
    const status =
      error instanceof ArchiverError && error.needsReauthorization
        ? "needs-reauthorization"
        : "failed";
    return { member, status, ...counts, detail: (error as Error).message };
  }
}
