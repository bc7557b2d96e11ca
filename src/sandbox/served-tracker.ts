import { createHash } from "node:crypto";

/**
 * What the Events API actually handed out, per process and in memory (like the request
 * journal): the first time each event was served, and a ring of observed requests with the
 * protocol facts certification judges (Retry-After, LinkedIn-Version, dead tokens).
 *
 * Kept in memory on purpose: the events page is the hot path, and recording here is a map
 * insert per element, no write to the store. A process restart forgets it; coverage then
 * counts from that restart. Several processes behind one database each know their own share.
 */

/** One `/rest`, `/v2` or `/oauth` answer, without credentials. */
export interface ObservedRequest {
  seq: number;
  /** Host time the request arrived (Retry-After is a host-time promise). */
  arrivedAtMs: number;
  /** Host time the answer was sent. */
  answeredAtMs: number;
  /** Virtual time of the answer. */
  virtualMs: number;
  method: string;
  path: string;
  status: number;
  retryAfter: string | null;
  linkedInVersion: boolean;
  /**
   * The first 16 hex digits of the SHA-256 of the bearer token: enough for a certifier that
   * issued the token to recognise it, useless to anyone else.
   */
  tokenTag: string | null;
  application: string | null;
  member: string | null;
}

export interface ServedEvent {
  id: number;
  processedAt: number;
  /** Virtual time of the first answer that contained it. */
  firstServedAt: number;
  timesServed: number;
}

/** Beyond this many tracked events the oldest-tracked member maps stop growing. */
const DEFAULT_EVENT_CAPACITY = 2_000_000;
const DEFAULT_REQUEST_CAPACITY = 20_000;

export class ServedTracker {
  private readonly served = new Map<string, Map<number, ServedEvent>>();
  private trackedEvents = 0;
  private requests: ObservedRequest[] = [];
  private nextSeq = 1;
  /** True once an event was not tracked because the capacity was reached. */
  truncated = false;
  readonly unserved = new UnservedMemo();

  constructor(
    private readonly eventCapacity = DEFAULT_EVENT_CAPACITY,
    private readonly requestCapacity = DEFAULT_REQUEST_CAPACITY,
  ) {}

  /** Records one page the Events API answered with. */
  recordServed(
    applicationId: string,
    memberId: string,
    events: ReadonlyArray<{ id: number; processedAt: number }>,
    virtualNowMs: number,
  ): void {
    if (events.length === 0) return;
    const key = streamKey(applicationId, memberId);
    let stream = this.served.get(key);
    if (!stream) {
      stream = new Map();
      this.served.set(key, stream);
    }
    for (const event of events) {
      const known = stream.get(event.id);
      if (known) {
        known.timesServed += 1;
        continue;
      }
      if (this.trackedEvents >= this.eventCapacity) {
        this.truncated = true;
        continue;
      }
      this.trackedEvents += 1;
      stream.set(event.id, {
        id: event.id,
        processedAt: event.processedAt,
        firstServedAt: virtualNowMs,
        timesServed: 1,
      });
    }
  }

  /** The served events of one (application, member), keyed by event id. */
  servedFor(applicationId: string, memberId: string): ReadonlyMap<number, ServedEvent> {
    return this.served.get(streamKey(applicationId, memberId)) ?? new Map();
  }

  /** Members of the application that were served anything. */
  membersServed(applicationId: string): string[] {
    const prefix = `${applicationId}\u0000`;
    return [...this.served.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
  }

  recordRequest(request: Omit<ObservedRequest, "seq">): void {
    this.requests.push({ seq: this.nextSeq++, ...request });
    // Trimmed in steps of a tenth: dropping one entry per request moved the whole array
    // on every call once it was full.
    if (this.requests.length > this.requestCapacity + Math.ceil(this.requestCapacity / 10)) {
      this.requests.splice(0, this.requests.length - this.requestCapacity);
    }
  }

  /** Observed requests with `seq` greater than `afterSeq`, oldest first. */
  requestsAfter(afterSeq: number, limit = 5000): ObservedRequest[] {
    const from = this.requests.findIndex((r) => r.seq > afterSeq);
    return from < 0 ? [] : this.requests.slice(from, from + limit);
  }

  clear(): void {
    this.served.clear();
    this.trackedEvents = 0;
    this.requests = [];
    this.truncated = false;
    this.unserved.clear();
  }
}

function streamKey(applicationId: string, memberId: string): string {
  return `${applicationId}\u0000${memberId}`;
}

/** The digest a certifier uses to recognise a token it issued (first 16 hex of SHA-256). */
export function tokenTag(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}

/**
 * Events a coverage scan saw in the store unserved, so that once the purge deletes them they
 * are still counted as "aged out unserved" (per process, from its first scan).
 */
export class UnservedMemo {
  private readonly seen = new Map<string, Map<number, number>>();

  remember(applicationId: string, memberId: string, id: number, processedAt: number): void {
    const key = `${applicationId}\u0000${memberId}`;
    let stream = this.seen.get(key);
    if (!stream) {
      stream = new Map();
      this.seen.set(key, stream);
    }
    stream.set(id, processedAt);
  }

  forget(applicationId: string, memberId: string, id: number): void {
    this.seen.get(`${applicationId}\u0000${memberId}`)?.delete(id);
  }

  /** id → processedAt of every remembered event of the stream. */
  of(applicationId: string, memberId: string): ReadonlyMap<number, number> {
    return this.seen.get(`${applicationId}\u0000${memberId}`) ?? new Map();
  }

  clear(): void {
    this.seen.clear();
  }
}
