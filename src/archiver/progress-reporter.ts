import type { ArchiverEvent, MemberOutcome, PassReport } from "./run-archiver.js";

export interface ProgressOutput {
  write(text: string): unknown;
  /** Terminal width: the status line is cut to fit, or it would wrap and never be erased. */
  columns?: number;
}

/**
 * Renders a run's events for a person. On a terminal: one line rewritten in place with the
 * counts and rate, and a permanent line for anything that needs attention. Elsewhere (cron,
 * a log file): one timestamped line per member, notice and pass, nothing rewritten.
 */
export function createProgressReporter(
  out: ProgressOutput,
  options: { tty: boolean; nowMs: () => number },
): (event: ArchiverEvent) => void {
  const pass = { members: 0, done: 0, fetched: 0, appended: 0, startedAtMs: 0 };
  let current = "";
  let statusShown = false;

  const clearStatus = () => {
    if (statusShown) out.write("\r\x1b[2K");
    statusShown = false;
  };
  const line = (text: string) => {
    clearStatus();
    out.write(options.tty ? `${text}\n` : `${new Date(options.nowMs()).toISOString()} ${text}\n`);
  };
  const renderStatus = () => {
    if (!options.tty) return;
    const seconds = Math.max((options.nowMs() - pass.startedAtMs) / 1000, 0.001);
    const rate = (pass.fetched / seconds).toFixed(1);
    const status = `members ${pass.done}/${pass.members} · ${pass.fetched} events fetched · ${pass.appended} new · ${rate} events/s${current ? ` · ${current}` : ""}`;
    out.write(`\r\x1b[2K${out.columns ? status.slice(0, out.columns - 1) : status}`);
    statusShown = true;
  };

  return (event) => {
    switch (event.type) {
      case "pass-started":
        Object.assign(pass, { members: event.members, done: 0, fetched: 0, appended: 0 });
        pass.startedAtMs = options.nowMs();
        if (!options.tty) line(`archive: pass started, ${event.members} members`);
        break;
      case "page":
        current = event.member;
        pass.fetched += event.fetched;
        pass.appended += event.appended;
        break;
      case "retry":
        line(
          `${event.member}: ${event.reason}, retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)}s`,
        );
        break;
      case "notice":
        line(event.member ? `${event.member}: ${event.message}` : event.message);
        break;
      case "member-finished":
        pass.done += 1;
        current = "";
        if (!options.tty || event.outcome.status !== "archived")
          line(describeOutcome(event.outcome));
        break;
      case "pass-finished":
        line(describePass(event.report));
        return;
      case "waiting":
        line(`next pass at ${new Date(event.untilMs).toISOString()}`);
        return;
    }
    renderStatus();
  };
}

function describeOutcome(outcome: MemberOutcome): string {
  const counts = `${outcome.fetched} fetched, ${outcome.appended} new, ${outcome.pages} pages`;
  const label =
    outcome.status === "needs-reauthorization" ? "NEEDS RE-AUTHORIZATION" : outcome.status;
  return `${outcome.member}: ${label} (${counts})${outcome.detail ? `: ${outcome.detail}` : ""}`;
}

function describePass(report: PassReport): string {
  const by = (status: MemberOutcome["status"]) =>
    report.outcomes.filter((o) => o.status === status).length;
  const fetched = report.outcomes.reduce((sum, o) => sum + o.fetched, 0);
  const appended = report.outcomes.reduce((sum, o) => sum + o.appended, 0);
  const seconds = ((report.finishedAtMs - report.startedAtMs) / 1000).toFixed(1);
  return `archive: pass done in ${seconds}s: ${report.outcomes.length} members (${by("archived")} archived, ${by("needs-reauthorization")} need re-authorization, ${by("failed")} failed, ${by("stopped")} stopped); ${fetched} events fetched, ${appended} new`;
}
