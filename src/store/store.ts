import type { ClockState } from "../clock.js";
import type {
  AccessToken,
  Application,
  AuthorizationCode,
  ComplianceAuthorization,
  Member,
  MemberGrant,
  OptInCause,
  OptOutCause,
  WebSession,
} from "../domain/records.js";
import type { MessagingStore } from "./messaging-store.js";
import type {
  EventRecord,
  HistoryRecords,
  MessageRecord,
  SnapshotInfo,
  ThreadRecord,
  WatermarkRecord,
  WorldCounters,
} from "./world-records.js";

/**
 * The storage port. One implementation (Kysely) serves SQLite and PostgreSQL; the same
 * conformance suite (test/store) runs against both. Every method is atomic: it commits
 * completely or changes nothing.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";
  readonly settings: SettingsStore;
  readonly applications: ApplicationStore;
  readonly members: MemberStore;
  readonly tokens: TokenStore;
  readonly codes: CodeStore;
  readonly grants: GrantStore;
  readonly sessions: SessionStore;
  readonly authorizations: AuthorizationStore;
  readonly messaging: MessagingStore;
  readonly world: WorldStore;
  /** Empties every table except settings whose key starts with `keep:` (the admin key). */
  resetWorld(): Promise<void>;
  /** A warning when the database could lose acknowledged commits (PostgreSQL fsync=off). */
  checkDurability(): Promise<string | null>;
  close(): Promise<void>;
}

/** Operations on the whole world at once (reset, import, export, snapshots). */
export interface WorldStore {
  /**
   * Replaces the world in ONE transaction: empties every world table (settings keep only
   * `keep:` keys, such as the admin key), then runs `build` with a Store bound to that
   * transaction, and commits when `build` resolves. When `build` throws, nothing changed —
   * clock, id counters, tokens included. The world's write lock is held throughout, so no
   * capture or consent change interleaves. `build` must use only the Store it is given.
   */
  replace<T>(build: (world: Store) => Promise<T>): Promise<T>;
  /** Threads with participants in id order, in pages (export streams them; never all at once). */
  readThreads(): AsyncIterable<ThreadRecord[]>;
  /** Messages with their stored documents, in commit (seq) order, in pages. */
  readMessages(): AsyncIterable<MessageRecord[]>;
  /** Compliance events as stored, in id order, in pages. */
  readEvents(): AsyncIterable<EventRecord[]>;
  /** Every member's capture watermark. */
  readWatermarks(): Promise<WatermarkRecord[]>;
  /** Writes history verbatim, capturing nothing (import; inside `replace`). */
  insertHistory(history: Partial<HistoryRecords>): Promise<void>;
  /** The next value of every id counter that has started. */
  readCounters(): Promise<WorldCounters>;
  /** Sets the named counters (import; inside `replace`, which undoes them if it fails). */
  writeCounters(counters: WorldCounters): Promise<void>;
  /** Inserts one authorization interval as given, open or closed, without locks (import). */
  insertAuthorization(authorization: ComplianceAuthorization): Promise<void>;
  /** Every member grant (consent), for the export. */
  listGrants(): Promise<MemberGrant[]>;
  /** Every authorization code record (hashes only), for the export. */
  listCodes(): Promise<AuthorizationCode[]>;
  readonly snapshots: SnapshotStore;
}

/**
 * Named copies of the world kept in the store (they survive resets). Taking and restoring
 * one are copies inside the database; restoring is all or nothing like `replace`.
 */
export interface SnapshotStore {
  /** Duplicate name → CONFLICT. `createdAt` is the virtual time it was taken. */
  create(name: string, createdAtMs: number): Promise<SnapshotInfo>;
  list(): Promise<SnapshotInfo[]>;
  /** Replaces the world with the snapshot (clock and id counters too); null when unknown. */
  restore(name: string): Promise<SnapshotInfo | null>;
  delete(name: string): Promise<boolean>;
}

export interface SettingsStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** Sets the value only if the key is absent; returns the value in force afterwards. */
  setIfAbsent(key: string, value: string): Promise<string>;
  readClock(): Promise<ClockState>;
  writeClock(state: ClockState): Promise<void>;
}

export interface ApplicationStore {
  /** Inserts an application; allocates the numeric id when `id` is absent. Duplicate id or client id → CONFLICT. */
  insert(app: Omit<Application, "id"> & { id?: string }): Promise<Application>;
  findById(id: string): Promise<Application | null>;
  findByClientId(clientId: string): Promise<Application | null>;
  list(): Promise<Application[]>;
  replaceSecretHash(id: string, clientSecretHash: string): Promise<void>;
  /**
   * Deletes the application and, in the same transaction, revokes its tokens, drops its
   * grants and codes, and closes its open authorizations (cause APPLICATION_DELETED).
   * Its events stay until they age out, but no token can read them any more.
   */
  delete(id: string): Promise<boolean>;
}

export interface MemberStore {
  /** Duplicate id or sales identity → CONFLICT. */
  insert(member: Member): Promise<Member>;
  findById(id: string): Promise<Member | null>;
  findBySalesIdentity(salesIdentityId: string): Promise<Member | null>;
  findByIds(ids: readonly string[]): Promise<Member[]>;
  list(): Promise<Member[]>;
  /** The next free numeric sales identity id (for new seats). */
  allocateSalesIdentityId(): Promise<string>;
}

export interface TokenStore {
  insert(token: AccessToken): Promise<void>;
  findByHash(tokenHash: string): Promise<AccessToken | null>;
  /** The token with its application and member (null when gone), read in one statement. */
  findBearer(
    tokenHash: string,
  ): Promise<{ token: AccessToken; application: Application | null; member: Member | null } | null>;
  findByRefreshHash(refreshTokenHash: string): Promise<AccessToken | null>;
  /** Marks one token revoked (no-op when unknown or already revoked). */
  revoke(tokenHash: string, atMs: number): Promise<void>;
  /** Revokes every token of `memberId` for `applicationId`; returns how many. */
  revokeForMember(applicationId: string, memberId: string, atMs: number): Promise<number>;
  /** Revokes the tokens issued for an authorization code (its replay, RFC 6749 §4.1.2). */
  revokeIssuedFromCode(codeHash: string, atMs: number): Promise<number>;
  /** Every token of every member, for the export of the world (hashes only). */
  list(): Promise<AccessToken[]>;
}

export interface CodeStore {
  insert(code: AuthorizationCode): Promise<void>;
  /**
   * Marks the code used and returns it, exactly once: of two concurrent calls with the same
   * hash only one gets the code; the other (and any later call) gets null.
   */
  consume(codeHash: string, atMs: number): Promise<AuthorizationCode | null>;
}

export interface GrantStore {
  upsert(grant: MemberGrant): Promise<void>;
  find(applicationId: string, memberId: string): Promise<MemberGrant | null>;
  listForMember(memberId: string): Promise<MemberGrant[]>;
}

export interface SessionStore {
  insert(session: WebSession): Promise<void>;
  findByHash(sessionHash: string): Promise<WebSession | null>;
  delete(sessionHash: string): Promise<void>;
}

export interface OptInResult {
  authorization: ComplianceAuthorization;
  /** False when the member was already regulated (idempotent opt-in). */
  created: boolean;
}

/**
 * Consent changes. Each takes the member's capture lock (design/capture-ordering.md), so
 * opt-in, opt-out and capture are totally ordered per member: nothing is captured after an
 * opt-out commits, nothing before an opt-in commits. Times come from the store's clock
 * inside the lock (`atMs` only for seeds and admin back-dating).
 */
export interface AuthorizationStore {
  optIn(
    applicationId: string,
    memberId: string,
    cause: OptInCause,
    options?: { atMs?: number },
  ): Promise<OptInResult>;
  /** Closes the open interval; null when the member was not regulated. */
  optOut(
    applicationId: string,
    memberId: string,
    cause: OptOutCause,
  ): Promise<ComplianceAuthorization | null>;
  /**
   * The member removes the application in their privacy settings: revokes their tokens for
   * it, drops the grant and ends the authorization (MEMBER_REMOVED_APP), in one transaction.
   */
  removeApplicationForMember(
    applicationId: string,
    memberId: string,
  ): Promise<{ revokedTokens: number; endedAuthorization: boolean }>;
  findOpen(applicationId: string, memberId: string): Promise<ComplianceAuthorization | null>;
  /** Every interval of the member, newest first (the history). */
  listForMember(memberId: string): Promise<ComplianceAuthorization[]>;
  /** Every interval of every member (export of the world). */
  list(): Promise<ComplianceAuthorization[]>;
}
