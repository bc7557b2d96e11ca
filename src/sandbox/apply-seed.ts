import { registerApplication } from "../domain/applications.js";
import { registerMember } from "../domain/members.js";
import { MAX_BATCH, sendMessages } from "../domain/messaging/send-messages.js";
import type { AccessToken } from "../domain/records.js";
import type { VirtualClock } from "../domain/virtual-clock.js";
import { AppError } from "../errors.js";
import { COMPLIANCE_SCOPE, tokenLifetimeSeconds } from "../oauth/scopes.js";
import { hashSecret } from "../secrets.js";
import type { Store } from "../store/store.js";
import { idFromRef } from "../urn.js";
import type { SeedDocument } from "./seed-document.js";

export interface SeedResult {
  /** `clientSecret`: a secret generated now (shown once); null when hashed or fixed by the seed. */
  applications: Array<{ id: string; clientId: string; clientSecret: string | null }>;
  members: number;
  authorizations: number;
  messages: number;
  /** Events restored from `history` (not captured again). */
  events: number;
}

/** Seeds name applications and members by id or URN. */
function refIds(entry: { application: string; member?: string | null }) {
  return {
    applicationId: idFromRef(entry.application, "developerApplication"),
    memberId:
      entry.member === undefined || entry.member === null
        ? null
        : idFromRef(entry.member, "person"),
  };
}

/** The seed with every list present (a seed written in code may leave lists out). */
function withLists(seed: SeedDocument) {
  return {
    ...seed,
    applications: seed.applications ?? [],
    members: seed.members ?? [],
    authorizations: seed.authorizations ?? [],
    grants: seed.grants ?? [],
    tokens: seed.tokens ?? [],
    codes: seed.codes ?? [],
    messages: seed.messages ?? [],
  };
}

const invalid = (message: string) => new AppError("INVALID_BODY", message);

/**
 * Checks what the schema cannot: every authorization, grant, token and code names an
 * application and a member the seed itself defines (a seed is applied to an empty world),
 * and no token or code hash appears twice. Duplicate ids are refused by the store.
 */
export function checkSeedReferences(input: SeedDocument): void {
  const seed = withLists(input);
  const applications = new Set(seed.applications.flatMap((a) => (a.id ? [a.id] : [])));
  const members = new Set(seed.members.flatMap((m) => (m.id ? [m.id] : [])));
  const entries = [
    ...seed.authorizations.map((e) => ["authorization", e] as const),
    ...seed.grants.map((e) => ["grant", e] as const),
    ...seed.tokens.map((e) => ["token", e] as const),
    ...seed.codes.map((e) => ["code", e] as const),
  ];
  for (const [kind, entry] of entries) {
    const { applicationId, memberId } = refIds(entry);
    // A deleted application leaves its ended authorizations and revoked tokens behind (the
    // members' history); an export carries them, so they may name an application it lacks.
    if (!applications.has(applicationId) && !isEndedRecord(entry))
      throw invalid(`Seed ${kind} names unknown application ${entry.application}`);
    if (memberId !== null && !members.has(memberId))
      throw invalid(`Seed ${kind} names unknown member ${entry.member}`);
  }
  const hashes = new Set<string>();
  for (const token of seed.tokens) {
    if ((token.token === undefined) === (token.tokenHash === undefined))
      throw invalid("A seed token has exactly one of token and tokenHash");
    const hash = token.tokenHash ?? hashSecret(token.token!);
    if (hashes.has(hash)) throw new AppError("CONFLICT", "A seed token appears twice");
    hashes.add(hash);
  }
  const codes = new Set(seed.codes.map((c) => c.codeHash));
  if (codes.size !== seed.codes.length)
    throw new AppError("CONFLICT", "A seed authorization code appears twice");
}

function isEndedRecord(entry: object): boolean {
  const ended = entry as { optedOutAt?: number | null; revokedAt?: number | null };
  return (ended.optedOutAt ?? ended.revokedAt ?? null) !== null;
}

/**
 * Applies a seed document to an empty world, in document order: clock, id counters,
 * applications, members, authorizations, grants, tokens, codes, history (verbatim), then
 * `messages` (sent and captured now). Callers run it inside `store.world.replace`, so a
 * failure anywhere changes nothing.
 */
export async function applySeed(
  input: SeedDocument,
  deps: { store: Store; clock: VirtualClock },
): Promise<SeedResult> {
  checkSeedReferences(input);
  const seed = withLists(input);
  const { store, clock } = deps;
  if (seed.clock) {
    await store.settings.writeClock(seed.clock);
    await clock.load();
  }
  const applications: SeedResult["applications"] = [];
  for (const input of seed.applications) {
    const { application, clientSecret } = await registerApplication(input, deps);
    // Only a secret generated now is news to the caller; one the seed fixed is documented
    // with the seed (and printing it on every start would put it in every log).
    const generated = input.clientSecret === undefined ? clientSecret : null;
    applications.push({
      id: application.id,
      clientId: application.clientId,
      clientSecret: generated,
    });
  }
  for (const input of seed.members) await registerMember(input, deps);
  for (const entry of seed.authorizations) {
    const { applicationId, memberId } = refIds(entry);
    const exact = entry.optInCause !== undefined || entry.optedOutAt !== undefined;
    if (exact) {
      await store.world.insertAuthorization({
        applicationId,
        memberId: memberId!,
        regulatedAt: entry.regulatedAt ?? clock.nowMs(),
        optInCause: entry.optInCause ?? "ADMIN",
        optedOutAt: entry.optedOutAt ?? null,
        optOutCause: entry.optOutCause ?? null,
      });
    } else {
      await store.authorizations.optIn(applicationId, memberId!, "ADMIN", {
        ...(entry.regulatedAt === undefined ? {} : { atMs: entry.regulatedAt }),
      });
    }
  }
  for (const grant of seed.grants) {
    const { applicationId, memberId } = refIds(grant);
    await store.grants.upsert({
      applicationId,
      memberId: memberId!,
      scopes: grant.scopes,
      grantedAt: grant.grantedAt,
    });
  }
  for (const token of seed.tokens) await store.tokens.insert(seedToken(token, clock));
  for (const code of seed.codes) {
    const { applicationId, memberId } = refIds(code);
    const { application: _a, member: _m, ...record } = code;
    await store.codes.insert({ ...record, applicationId, memberId: memberId! });
  }
  if (seed.history) await store.world.insertHistory(seed.history);
  // Before `messages`, so messages sent now continue the restored ids.
  if (seed.counters) await store.world.writeCounters(seed.counters);
  for (let i = 0; i < seed.messages.length; i += MAX_BATCH) {
    await sendMessages(seed.messages.slice(i, i + MAX_BATCH), deps);
  }
  return {
    applications,
    members: seed.members.length,
    authorizations: seed.authorizations.length,
    messages: seed.messages.length,
    events: seed.history?.events?.length ?? 0,
  };
}

/** A seed token as stored: the clear `token` is hashed; times default to now and the usual lifetime. */
function seedToken(
  token: NonNullable<SeedDocument["tokens"]>[number],
  clock: VirtualClock,
): AccessToken {
  const { applicationId, memberId } = refIds(token);
  const now = clock.nowMs();
  const scopes = token.scopes ?? [COMPLIANCE_SCOPE];
  const createdAt = token.createdAt ?? now;
  return {
    tokenHash: token.tokenHash ?? hashSecret(token.token!),
    applicationId,
    memberId,
    authType: memberId === null ? "2L" : "3L",
    scopes,
    authorizedAt: token.authorizedAt ?? createdAt,
    createdAt,
    expiresAt: token.expiresAt ?? createdAt + tokenLifetimeSeconds(scopes) * 1000,
    revokedAt: token.revokedAt ?? null,
    refreshTokenHash: token.refreshTokenHash ?? null,
    refreshExpiresAt: token.refreshExpiresAt ?? null,
    sourceCodeHash: token.sourceCodeHash ?? null,
  };
}
