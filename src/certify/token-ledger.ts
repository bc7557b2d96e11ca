import { tokenTag } from "../sandbox/served-tracker.js";
import { writeTokensFile } from "./archiver-process.js";
import type { WorldMember } from "./control-plane.js";

/** A member token of the archiver's application, with its life on the virtual clock. */
export interface TokenRecord {
  token: string;
  tag: string;
  issuedV: number;
  expiresV: number;
  revokedV: number | null;
}

/**
 * The member tokens certify handed the archiver: what the tokens file holds (rewritten
 * atomically on every change) and, for the judge, which were valid at a virtual time.
 */
export class TokenLedger {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly urns = new Map<string, string>();

  constructor(private readonly file: string) {
    writeTokensFile(file, {});
  }

  issue(member: WorldMember, token: string, nowV: number, lifetimeMs: number): void {
    this.urns.set(member.id, member.urn);
    this.tokens.set(member.id, {
      token,
      tag: tokenTag(token),
      issuedV: nowV,
      expiresV: nowV + lifetimeMs,
      revokedV: null,
    });
    const map: Record<string, string> = {};
    for (const [memberId, record] of this.tokens) map[this.urns.get(memberId)!] = record.token;
    writeTokensFile(this.file, map);
  }

  revoke(member: WorldMember, nowV: number): void {
    const record = this.tokens.get(member.id);
    if (record) record.revokedV = nowV;
  }

  tokenOf(member: WorldMember): TokenRecord {
    const record = this.tokens.get(member.id);
    if (!record) throw new Error(`${member.urn} holds no token of the archiver's app`);
    return record;
  }

  /** Ids of the members whose token was issued, unexpired and unrevoked at `virtualMs`. */
  validMembers(virtualMs: number): string[] {
    return [...this.tokens.entries()]
      .filter(
        ([, t]) =>
          t.issuedV <= virtualMs &&
          virtualMs < t.expiresV &&
          (t.revokedV === null || virtualMs < t.revokedV),
      )
      .map(([member]) => member);
  }
}
