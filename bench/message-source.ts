import { memberIds, TEXT_BYTES } from "./world-plan.js";

/** A thread the source can reply in: its id and its two participants. */
export interface KnownThread {
  id: string;
  members: [string, string];
}

export type SendMessage =
  | { from: string; to: string[]; text: string }
  | { from: string; thread: string; text: string };

const urn = (member: string) => `urn:li:person:${member}`;
/**
 * Text to cut messages from: random lowercase words, so the text compresses about as badly
 * as real messages do (a run of one letter would let PostgreSQL's TOAST compression flatter
 * the storage figures).
 */
const textPool = (() => {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let text = "";
  while (text.length < 64 * 1024) {
    const length = 2 + Math.floor(Math.random() * 8);
    for (let i = 0; i < length; i++) text += letters[Math.floor(Math.random() * 26)];
    text += " ";
  }
  return text;
})();

/**
 * Messages of about TEXT_BYTES of text between random members: one in five starts a thread
 * between two members, the rest reply in one of the POOL_SIZE most recent known threads (so
 * events carry siblings, up to ten earlier activities, as in real conversations). Threads
 * become known once the server has answered for them (`learn`), never inside the batch that
 * creates them.
 *
 * A thread gets four replies on average while it is in the pool, whatever the pool's size;
 * but a world reaches that shape only after about POOL_SIZE × 5 messages. With 2000 threads
 * (world version 2) the 10k world never got there (2.3 messages a thread against 4.5 at
 * 100k), so its pages were 40 % smaller and "req/s at 1M ÷ at 10k" compared different pages.
 * A pool of 100 reaches it within the first 500 messages at every size.
 */
const POOL_SIZE = 100;

export class MessageSource {
  private readonly pool: KnownThread[];
  private readonly pending = new Map<number, [string, string]>();
  private counter = 0;

  constructor(
    private readonly label: string,
    initialThreads: KnownThread[] = [],
    private readonly poolSize = POOL_SIZE,
  ) {
    this.pool = initialThreads.slice(-poolSize);
  }

  /** The next message; `key` is passed back to `learn` with the server's answer. */
  next(): { key: number; message: SendMessage } {
    const key = this.counter++;
    const text = `${this.label} ${key} `;
    const offset = Math.floor(Math.random() * (textPool.length - TEXT_BYTES));
    const body = text + textPool.slice(offset, offset + TEXT_BYTES - text.length);
    if (this.pool.length < POOL_SIZE / 2 || Math.random() < 0.2) {
      const a = pick(memberIds);
      let b = pick(memberIds);
      while (b === a) b = pick(memberIds);
      this.pending.set(key, [a, b]);
      return { key, message: { from: urn(a), to: [urn(b)], text: body } };
    }
    const thread = pick(this.pool);
    const from = thread.members[Math.random() < 0.5 ? 0 : 1];
    return { key, message: { from: urn(from), thread: thread.id, text: body } };
  }

  /** Records the thread the server created for message `key`, if it started one. */
  learn(key: number, threadId: string): void {
    const members = this.pending.get(key);
    if (!members) return;
    this.pending.delete(key);
    this.pool.push({ id: threadId, members });
    if (this.pool.length > this.poolSize) this.pool.splice(0, this.pool.length - this.poolSize);
  }

  threads(): KnownThread[] {
    return [...this.pool];
  }
}

function pick<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)]!;
}
