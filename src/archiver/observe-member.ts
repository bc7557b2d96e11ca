import { memberDirectory } from "./archive-layout.js";
import { TokenRejectedError } from "./archiver-errors.js";
import {
  type CaptureObservation,
  CaptureObservations,
  tokenFingerprint,
} from "./capture-observations.js";
import type { AuthorizationCheck, TokenCheck } from "./compliance-api.js";
import { ensureDirectory } from "./durable-files.js";
import { StopRequestedError } from "./http-transport.js";

/**
 * Turns what one pass learns about a member (the token it holds, introspection, the
 * authorization status, how the Events API answered) into capture-window observations.
 * Only changes are written (capture-observations.ts).
 */
export class MemberObserver {
  private constructor(
    private readonly observations: CaptureObservations,
    private readonly token: string,
    private readonly nowMs: () => number,
  ) {}

  /** Opens the member's observations and records the token if it is one not seen before. */
  static async open(
    archiveDir: string,
    member: string,
    accessToken: string,
    nowMs: () => number,
  ): Promise<MemberObserver> {
    const dir = memberDirectory(archiveDir, member);
    await ensureDirectory(dir);
    const observations = await CaptureObservations.open(dir);
    const observer = new MemberObserver(observations, tokenFingerprint(accessToken), nowMs);
    if (!observations.hasSeenToken(observer.token)) {
      // Any earlier token means the member authorized the application again.
      const first = !observations.hasSeenAnyToken();
      await observer.record({ aspect: "token", state: first ? "first-seen" : "new" });
    }
    return observer;
  }

  async introspected(check: TokenCheck): Promise<void> {
    if (check.kind === "active") {
      const expiresAt = new Date(check.expiresAtMs).toISOString();
      await this.record({ aspect: "introspection", state: "active", expiresAt });
    } else if (check.kind === "inactive") {
      await this.record({ aspect: "introspection", state: "inactive", status: check.status });
    }
    // `unavailable` says nothing about the member (the server refused the client, or
    // answered nonsense): no observation.
  }

  async authorization(check: AuthorizationCheck): Promise<void> {
    if (check.kind === "opted-in") {
      const regulatedAt = new Date(check.regulatedAtMs).toISOString();
      await this.record({ aspect: "authorization", state: "opted-in", regulatedAt });
    } else if (check.kind === "not-opted-in") {
      await this.record({ aspect: "authorization", state: "not-opted-in" });
    }
  }

  async eventsAccepted(): Promise<void> {
    await this.record({ aspect: "events-api", state: "accepted" });
  }

  /** Records a 401 from the Events API; other failures say nothing about consent. */
  async eventsFailed(error: unknown): Promise<void> {
    if (error instanceof TokenRejectedError) {
      await this.record({ aspect: "events-api", state: "rejected", status: error.code });
    }
  }

  private async record(fields: Omit<CaptureObservation, "observedAt" | "token">): Promise<void> {
    const observedAt = new Date(this.nowMs()).toISOString();
    // Authorization belongs to the member, not to a token; the rest are per token.
    const token = fields.aspect === "authorization" ? {} : { token: this.token };
    await this.observations.record({ observedAt, ...fields, ...token });
  }
}

/** The authorization status, or `unknown` when asking failed: never fails the member. */
export async function authorizationOrUnknown(
  ask: () => Promise<AuthorizationCheck>,
): Promise<AuthorizationCheck> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof StopRequestedError) throw error;
    return { kind: "unknown" };
  }
}
