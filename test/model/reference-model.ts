/**
 * The reference model of capture (invariants 1, 2, 5 and 6), in plain sets and maps: who is
 * regulated for which application, which threads exist, and which events each message must
 * have produced. Members and applications are small indexes; time is the frozen virtual
 * clock, which the model advances exactly as the server's.
 */

const DAY_MS = 86_400_000;
export const RETENTION_MS = 28 * DAY_MS;

export interface ModelEvent {
  messageId: string;
  owner: number;
  app: number;
  processedAt: number;
}

export interface ModelToken {
  value: string;
  expiresAt: number;
  revoked: boolean;
}

export type TokenState = "valid" | "expired" | "revoked";

export class ReferenceModel {
  nowMs: number;
  private readonly regulated = new Set<string>();
  /** The latest member token of each (app, member), as an archiver would hold it. */
  private readonly tokens = new Map<string, ModelToken>();
  readonly threads: Array<{ id: string; participants: number[] }> = [];
  readonly events: ModelEvent[] = [];

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  isRegulated(app: number, member: number): boolean {
    return this.regulated.has(key(app, member));
  }

  optIn(app: number, member: number): void {
    this.regulated.add(key(app, member));
  }

  /** Ends the authorization; returns whether there was one (204) or not (404). */
  optOut(app: number, member: number): boolean {
    return this.regulated.delete(key(app, member));
  }

  /** The member removes the app: the authorization ends and their tokens are revoked. */
  removeApp(app: number, member: number): void {
    this.regulated.delete(key(app, member));
    const token = this.tokens.get(key(app, member));
    if (token) token.revoked = true;
  }

  token(app: number, member: number): ModelToken | undefined {
    return this.tokens.get(key(app, member));
  }

  setToken(app: number, member: number, token: ModelToken): void {
    this.tokens.set(key(app, member), token);
  }

  tokenState(token: ModelToken): TokenState {
    if (token.revoked) return "revoked";
    return token.expiresAt <= this.nowMs ? "expired" : "valid";
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }

  /**
   * A message among `participants`: one event per participant and application that regulates
   * them now. Token state plays no part (invariant 5). Returns the events as `owner|app`.
   */
  send(messageId: string, participants: number[], apps: number): ModelEvent[] {
    const produced: ModelEvent[] = [];
    for (const owner of participants) {
      for (let app = 0; app < apps; app++) {
        if (this.isRegulated(app, owner))
          produced.push({ messageId, owner, app, processedAt: this.nowMs });
      }
    }
    this.events.push(...produced);
    return produced;
  }

  /** What (app, member) must be able to read now: their events of the past 28 days. */
  visible(app: number, member: number): ModelEvent[] {
    const from = this.nowMs - RETENTION_MS;
    return this.events.filter((e) => e.app === app && e.owner === member && e.processedAt >= from);
  }
}

function key(app: number, member: number): string {
  return `${app}/${member}`;
}
