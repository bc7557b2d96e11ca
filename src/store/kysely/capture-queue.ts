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
  /** The members of the groups committing now (disjoint: see takeGroup). */
  private readonly committingMembers = new Set<string>();

  /**
   * `concurrency`: how many groups may commit at once. SQLite has one writer, so 1. On
   * PostgreSQL groups commit side by side only when they share no member: a request whose
   * members a committing group holds waits here, in arrival order, and joins the next group,
   * rather than holding a connection while it waits for the database's row locks and then
   * paying a commit of its own (measured: four clients of `messages:batch`, each batch
   * touching most members, committed one after another at 0.20× the raw inserts). The member
   * locks still order groups of other server processes.
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
      // Every waiting request shares a member with a committing group: the next one to
      // finish pumps again.
      if (group.length === 0) return;
      const members = group.flatMap((w) => w.job.memberIds);
      for (const member of members) this.committingMembers.add(member);
      this.active += 1;
      void this.commitNext(group).finally(() => {
        for (const member of members) this.committingMembers.delete(member);
        this.active -= 1;
        // Requests that arrived during this commit have waited a commit already.
        if (this.waiting.length > 0) this.pump();
      });
    }
  }

  /**
   * The waiting requests that can commit now, in arrival order: those sharing no member with
   * a committing group, nor with an earlier request left waiting (so each member's requests
   * are planned and committed in the order they came).
   */
  private takeGroup(): Waiting[] {
    const blocked = new Set(this.committingMembers);
    const group: Waiting[] = [];
    const left: Waiting[] = [];
    let messages = 0;
    for (const [i, w] of this.waiting.entries()) {
      if (group.length > 0 && messages + w.job.drafts.length > MAX_GROUP_MESSAGES) {
        left.push(...this.waiting.slice(i));
        break;
      }
      if (w.job.memberIds.some((member) => blocked.has(member))) {
        for (const member of w.job.memberIds) blocked.add(member);
        left.push(w);
        continue;
      }
      messages += w.job.drafts.length;
      group.push(w);
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return group;
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
