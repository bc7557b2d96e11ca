import type { Clock } from "../clock.js";
import type { Member, WebSession } from "../domain/records.js";
import { generateSecret, hashSecret } from "../secrets.js";
import type { Store } from "../store/store.js";
import { WEB_SESSION_LIFETIME_MS } from "./token-lifetimes.js";

export interface SessionDeps {
  store: Store;
  clock: Clock;
}

/**
 * Signs a member in to the sandbox's web pages (no password: the sandbox picks a member).
 * The session id is random (256 bits) and goes only into the cookie; the store keeps its
 * SHA-256 hash and a per-session CSRF secret (OWASP Session Management Cheat Sheet).
 */
export async function startWebSession(
  deps: SessionDeps,
  memberId: string,
): Promise<{ sessionId: string; session: WebSession; maxAgeSeconds: number }> {
  const now = deps.clock.nowMs();
  const sessionId = generateSecret();
  const session: WebSession = {
    sessionHash: hashSecret(sessionId),
    memberId,
    csrfSecret: generateSecret(),
    createdAt: now,
    expiresAt: now + WEB_SESSION_LIFETIME_MS,
  };
  await deps.store.sessions.insert(session);
  return { sessionId, session, maxAgeSeconds: Math.floor(WEB_SESSION_LIFETIME_MS / 1000) };
}

/** The signed-in member of a session cookie, or null when unknown, expired or the member is gone. */
export async function resumeWebSession(
  deps: SessionDeps,
  sessionId: string | null,
): Promise<{ session: WebSession; member: Member } | null> {
  if (!sessionId) return null;
  const session = await deps.store.sessions.findByHash(hashSecret(sessionId));
  if (!session) return null;
  if (session.expiresAt <= deps.clock.nowMs()) {
    await deps.store.sessions.delete(session.sessionHash);
    return null;
  }
  const member = await deps.store.members.findById(session.memberId);
  return member ? { session, member } : null;
}

/** Ends a session (a new sign-in replaces the old one rather than leaving it usable). */
export async function endWebSession(deps: SessionDeps, sessionId: string | null): Promise<void> {
  if (sessionId) await deps.store.sessions.delete(hashSecret(sessionId));
}
