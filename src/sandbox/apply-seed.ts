import { registerApplication } from "../domain/applications.js";
import { registerMember } from "../domain/members.js";
import { MAX_BATCH, sendMessages } from "../domain/messaging/send-messages.js";
import type { VirtualClock } from "../domain/virtual-clock.js";
import { AppError } from "../errors.js";
import type { Store } from "../store/store.js";
import { urnId } from "../urn.js";
import type { SeedDocument } from "./seed-document.js";

export interface SeedResult {
  applications: Array<{ id: string; clientId: string; clientSecret: string | null }>;
  members: number;
  authorizations: number;
  messages: number;
}

/** Seeds name applications and members by id or URN. */
function authorizationIds(entry: { application: string; member: string }) {
  return {
    applicationId: urnId(entry.application, "developerApplication") ?? entry.application,
    memberId: urnId(entry.member, "person") ?? entry.member,
  };
}

/**
 * Checks what the schema cannot: every authorization names an application and a member the
 * seed itself defines (after a reset nothing else exists). Run before the world is emptied,
 * so a bad seed changes nothing.
 */
export function checkSeedReferences(seed: SeedDocument): void {
  const applications = new Set(seed.applications.flatMap((a) => (a.id ? [a.id] : [])));
  const members = new Set(seed.members.flatMap((m) => (m.id ? [m.id] : [])));
  for (const entry of seed.authorizations) {
    const { applicationId, memberId } = authorizationIds(entry);
    if (!applications.has(applicationId)) {
      throw new AppError(
        "INVALID_BODY",
        `Seed authorization names unknown application ${entry.application}`,
      );
    }
    if (!members.has(memberId)) {
      throw new AppError("INVALID_BODY", `Seed authorization names unknown member ${entry.member}`);
    }
  }
}

/** Applies a seed document to an empty store, in document order (applications, members, authorizations). */
export async function applySeed(
  seed: SeedDocument,
  deps: { store: Store; clock: VirtualClock },
): Promise<SeedResult> {
  checkSeedReferences(seed);
  const applications: SeedResult["applications"] = [];
  for (const input of seed.applications) {
    const { application, clientSecret } = await registerApplication(input, deps);
    applications.push({ id: application.id, clientId: application.clientId, clientSecret });
  }
  for (const input of seed.members) await registerMember(input, deps);
  for (const entry of seed.authorizations) {
    const { applicationId, memberId } = authorizationIds(entry);
    await deps.store.authorizations.optIn(applicationId, memberId, "ADMIN", {
      ...(entry.regulatedAt === undefined ? {} : { atMs: entry.regulatedAt }),
    });
  }
  for (let i = 0; i < seed.messages.length; i += MAX_BATCH) {
    await sendMessages(seed.messages.slice(i, i + MAX_BATCH), deps);
  }
  return {
    applications,
    members: seed.members.length,
    authorizations: seed.authorizations.length,
    messages: seed.messages.length,
  };
}

/**
 * The world as a seed document: importing it with reset reproduces applications, members and
 * open authorizations (secrets as hashes). Messages and events are history, not world: they
 * are not exported, since re-sending them would capture them again at a new time.
 */
export async function exportWorld(store: Store): Promise<SeedDocument> {
  const applications = await store.applications.list();
  const members = await store.members.list();
  const authorizations = (await store.authorizations.list()).filter((a) => a.optedOutAt === null);
  return {
    applications: applications.map((app) => ({
      id: app.id,
      name: app.name,
      clientId: app.clientId,
      clientSecretHash: app.clientSecretHash,
      redirectUris: app.redirectUris,
      permissions: app.permissions,
      refreshTokens: app.refreshTokens,
      clientCredentials: app.clientCredentials,
    })),
    members: members.map((m) => ({
      id: m.id,
      firstName: m.firstName,
      lastName: m.lastName,
      salesNavigator: m.salesIdentityId !== null,
      ...(m.salesIdentityId ? { salesIdentityId: m.salesIdentityId } : {}),
    })),
    authorizations: authorizations.map((a) => ({
      application: a.applicationId,
      member: a.memberId,
      regulatedAt: a.regulatedAt,
    })),
    messages: [],
  };
}
