import type { Store } from "../store/store.js";
import { SEED_FORMAT, type SeedDocument } from "./seed-document.js";

type Section = AsyncIterable<unknown[]> | Iterable<unknown[]>;

/**
 * The whole world as a seed document, produced piece by piece: the history (threads,
 * messages, events) is read from the store in pages and written out as it comes, so a world
 * of millions of events exports without being held in memory. Importing the text (reset or
 * import) restores it exactly: same ids, times and documents, nothing captured again.
 *
 * Pages are read one after another, not in one transaction; export a quiet world (or take a
 * snapshot first) when writes may be running.
 */
export async function* exportWorldText(store: Store): AsyncGenerator<string> {
  const head = {
    format: SEED_FORMAT,
    version: 1,
    clock: await store.settings.readClock(),
    counters: await store.world.readCounters(),
  };
  yield JSON.stringify(head).slice(0, -1);
  for (const [name, section] of await worldSections(store))
    yield* writeArray(`,"${name}":`, section);
  yield ',"history":{';
  yield* writeArray('"threads":', store.world.readThreads());
  yield* writeArray(',"messages":', store.world.readMessages());
  yield* writeArray(',"events":', store.world.readEvents());
  yield* writeArray(',"watermarks":', [await store.world.readWatermarks()]);
  yield '},"messages":[]}';
}

async function* writeArray(prefix: string, pages: Section): AsyncGenerator<string> {
  yield `${prefix}[`;
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const text = page.map((row) => JSON.stringify(row)).join(",");
    yield first ? text : `,${text}`;
    first = false;
  }
  yield "]";
}

async function worldSections(store: Store): Promise<Array<[string, Section]>> {
  const applications: SeedDocument["applications"] = (await store.applications.list()).map(
    (app) => ({
      id: app.id,
      name: app.name,
      clientId: app.clientId,
      clientSecretHash: app.clientSecretHash,
      redirectUris: app.redirectUris,
      permissions: app.permissions,
      refreshTokens: app.refreshTokens,
      clientCredentials: app.clientCredentials,
      createdAt: app.createdAt,
    }),
  );
  const members: SeedDocument["members"] = (await store.members.list()).map((m) => ({
    id: m.id,
    firstName: m.firstName,
    lastName: m.lastName,
    salesNavigator: m.salesIdentityId !== null,
    ...(m.salesIdentityId ? { salesIdentityId: m.salesIdentityId } : {}),
    createdAt: m.createdAt,
  }));
  const authorizations: SeedDocument["authorizations"] = (await store.authorizations.list()).map(
    (a) => ({
      application: a.applicationId,
      member: a.memberId,
      regulatedAt: a.regulatedAt,
      optInCause: a.optInCause,
      optedOutAt: a.optedOutAt,
      optOutCause: a.optOutCause,
    }),
  );
  const grants: NonNullable<SeedDocument["grants"]> = (await store.world.listGrants()).map((g) => ({
    application: g.applicationId,
    member: g.memberId,
    scopes: g.scopes,
    grantedAt: g.grantedAt,
  }));
  const tokens: NonNullable<SeedDocument["tokens"]> = (await store.tokens.list())
    .sort((a, b) => a.createdAt - b.createdAt || (a.tokenHash < b.tokenHash ? -1 : 1))
    .map((t) => ({
      application: t.applicationId,
      member: t.memberId,
      tokenHash: t.tokenHash,
      scopes: t.scopes,
      authorizedAt: t.authorizedAt,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      refreshTokenHash: t.refreshTokenHash,
      refreshExpiresAt: t.refreshExpiresAt,
      sourceCodeHash: t.sourceCodeHash ?? null,
    }));
  const codes: NonNullable<SeedDocument["codes"]> = (await store.world.listCodes()).map(
    ({ applicationId, memberId, ...rest }) => ({
      application: applicationId,
      member: memberId,
      ...rest,
    }),
  );
  return [
    ["applications", [applications]],
    ["members", [members]],
    ["authorizations", [authorizations]],
    ["grants", [grants]],
    ["tokens", [tokens]],
    ["codes", [codes]],
  ];
}
