import type { CapturePlanner } from "../../domain/capture/plan-capture.js";
import type { MessageDraft } from "../../domain/messaging/records.js";
import type { StoreMessagesOutcome } from "../messaging-store.js";

/** One capture request waiting for its turn: the drafts, its planner and who it locks. */
export interface CaptureJob {
  drafts: readonly MessageDraft[];
  plan: CapturePlanner;
  memberIds: readonly string[];
}

/** Writes a group of jobs in ONE transaction and returns each job's outcome, in order. */
export type CommitGroup = (jobs: readonly CaptureJob[]) => Promise<StoreMessagesOutcome[]>;

/** A group holds at most this many messages, so one transaction stays short. */
const MAX_GROUP_MESSAGES = 2000;

/**
 * How long a flush waits for company once captures are seen to come concurrently. SQLite
 * runs a whole commit without yielding to I/O, so requests that arrive during it are only
 * read afterwards; without this pause each group would hold the one or two requests that
 * happened to be read first. A lone client (one request at a time) never waits.
 */
const GATHER_MS = 1;

interface Waiting {
  job: CaptureJob;
  resolve(outcome: StoreMessagesOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for captures. Every synced commit costs a disk flush, and a store that
 * commits each request on its own pays one flush per request. Requests that arrive while a
 * commit is in flight wait here and are committed together in the next transaction: each
 * planned in arrival order against the state the earlier ones leave (threads, watermarks),
 * each acknowledged only after the shared commit. A refused request writes nothing and
 * does not disturb the others; if the shared transaction fails, each request of the group
 * is retried alone, so one request's failure is never another's.
 */
export class CaptureQueue {
  private readonly waiting: Waiting[] = [];
  private scheduled = false;
  private active = 0;
  private lastGroupSize = 0;

  /**
   * `concurrency`: how many groups may commit at once. SQLite has one writer, so 1; on
   * PostgreSQL groups on different members commit side by side (the member locks order
   * those that share one), as they would from several server processes.
   */
  constructor(
    private readonly commitGroup: CommitGroup,
    private readonly concurrency = 1,
  ) {}

  submit(job: CaptureJob): Promise<StoreMessagesOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.active >= this.concurrency || this.waiting.length === 0) return;
    this.scheduled = true;
    const start = () => {
      this.scheduled = false;
      this.pump();
    };
    // At least one turn of the event loop, so requests parsed together are committed
    // together; a little longer when the last group had company.
    if (this.lastGroupSize > 1) setTimeout(start, GATHER_MS);
    else setImmediate(start);
  }

  private pump(): void {
    while (this.active < this.concurrency && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.active += 1;
      void this.commitNext(group).finally(() => {
        this.active -= 1;
        // Requests that arrived during this commit have waited a commit already.
        if (this.waiting.length > 0) this.pump();
      });
    }
  }

  private takeGroup(): Waiting[] {
    let messages = 0;
    let count = 0;
    for (const w of this.waiting) {
      if (count > 0 && messages + w.job.drafts.length > MAX_GROUP_MESSAGES) break;
      messages += w.job.drafts.length;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async commitNext(group: Waiting[]): Promise<void> {
    this.lastGroupSize = group.length;
    try {
      const outcomes = await this.commitGroup(group.map((w) => w.job));
      for (const [i, w] of group.entries()) w.resolve(outcomes[i]!);
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const w of group) await this.commitNext([w]);
    }
  }
}
