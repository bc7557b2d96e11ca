import type { Store } from "../store/store.js";

/**
 * Records what a member consented to for an application, adding to what they granted
 * before (LinkedIn Authorization Code Flow: a member who already approved the scopes is not
 * asked again); it drives consent skipping and the privacy page ("Permitted services").
 */
export async function recordGrant(
  deps: { store: Store; clock: { nowMs(): number } },
  input: { applicationId: string; memberId: string; scopes: readonly string[] },
): Promise<void> {
  const existing = await deps.store.grants.find(input.applicationId, input.memberId);
  const scopes = [...new Set([...(existing?.scopes ?? []), ...input.scopes])];
  await deps.store.grants.upsert({
    applicationId: input.applicationId,
    memberId: input.memberId,
    scopes,
    grantedAt: deps.clock.nowMs(),
  });
}

/** Whether an earlier grant already covers every requested scope, so consent can be skipped. */
export function grantCovers(
  granted: readonly string[] | undefined,
  requested: readonly string[],
): boolean {
  return granted !== undefined && requested.every((scope) => granted.includes(scope));
}
