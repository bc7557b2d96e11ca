import type { CaptureObservation } from "../capture-observations.js";

/** One observation as the package shows it, with what it means for capture. */
export type CaptureTransition = CaptureObservation & { event: string };

/** `audit/capture-window.json` (docs/archive-format.md, "The capture window"). */
export interface CaptureWindow {
  schema: "regula.capture-window/1";
  member: string;
  period: { from: string; to: string };
  source: string;
  firstCaptured: string | null;
  lastCaptured: string | null;
  /** For each aspect, the last transition before the period: the state it began in. */
  atPeriodStart: CaptureTransition[];
  /** Transitions observed within the period, oldest first. */
  transitions: CaptureTransition[];
  note?: string;
  /** Lines of capture-window.ndjson that are not observations (damaged), left out. */
  unreadableLines?: number[];
}

const SOURCE =
  "Observed by the reference archiver at each pass and written when a state changed " +
  "(capture-window.ndjson). observedAt is the archiver's clock; expiresAt and regulatedAt " +
  "are the server's. A change happened between the previous pass and observedAt.";

/**
 * The member's capture window for `range`: what the archiver observed (opt-in, opt-out,
 * token expiry or revocation, re-consent), and the first and last event captured.
 */
export function buildCaptureWindow(
  member: string,
  {
    observations,
    unreadableLines,
  }: { observations: CaptureObservation[]; unreadableLines: number[] },
  events: readonly { processedAt: number }[],
  range: { from: number; to: number },
): CaptureWindow {
  const labelled = labelTransitions(observations);
  const before = labelled.filter((o) => Date.parse(o.observedAt) < range.from);
  const lastByAspect = new Map(before.map((o) => [o.aspect, o]));
  const window: CaptureWindow = {
    schema: "regula.capture-window/1",
    member,
    period: { from: iso(range.from), to: iso(range.to) },
    source: SOURCE,
    firstCaptured: events[0] ? iso(events[0].processedAt) : null,
    lastCaptured: events.length ? iso(events[events.length - 1]!.processedAt) : null,
    atPeriodStart: [...lastByAspect.values()].sort(byObservedAt),
    transitions: labelled.filter((o) => {
      const t = Date.parse(o.observedAt);
      return t >= range.from && t < range.to;
    }),
  };
  if (unreadableLines.length > 0) window.unreadableLines = unreadableLines;
  if (observations.length === 0) {
    window.note =
      "The archive holds no observations for this member (archived before they were recorded).";
  }
  return window;
}

/** The summary page's lines for the capture window. */
export function describeCaptureWindow(window: CaptureWindow): string[] {
  const line = (o: CaptureTransition) => {
    const server = [
      o.regulatedAt ? `regulatedAt ${o.regulatedAt}` : null,
      o.expiresAt ? `expiresAt ${o.expiresAt}` : null,
      o.status ? `status ${o.status}` : null,
      o.token ? `token ${o.token}` : null,
    ].filter((s) => s !== null);
    return `  ${o.observedAt}  ${o.event}${server.length ? ` (${server.join(", ")})` : ""}`;
  };
  return [
    "Capture window, as the archiver observed it:",
    ...(window.atPeriodStart.length
      ? ["  at the start of the period:", ...window.atPeriodStart.map((o) => `  ${line(o)}`)]
      : []),
    ...(window.transitions.length
      ? window.transitions.map(line)
      : ["  no transitions observed in the period"]),
    ...(window.unreadableLines
      ? [`  damaged lines of capture-window.ndjson, left out: ${window.unreadableLines.join(", ")}`]
      : []),
  ];
}

function labelTransitions(observations: readonly CaptureObservation[]): CaptureTransition[] {
  let optedIn = false;
  return observations.map((o) => {
    let event: string;
    if (o.aspect === "token") event = o.state === "new" ? "re-consent" : "first-token";
    else if (o.aspect === "introspection")
      event = o.state === "active" ? "token-active" : `token-${o.status ?? "inactive"}`;
    else if (o.aspect === "authorization") {
      event = o.state === "opted-in" ? "opted-in" : optedIn ? "opted-out" : "not-opted-in";
      optedIn = o.state === "opted-in";
    } else event = o.state === "accepted" ? "events-readable" : "events-rejected";
    return { ...o, event };
  });
}

function byObservedAt(a: { observedAt: string }, b: { observedAt: string }): number {
  return a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
