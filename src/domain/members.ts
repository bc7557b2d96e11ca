import type { Clock } from "../clock.js";
import { generateMemberId } from "../random-ids.js";
import type { Store } from "../store/store.js";
import type { Member } from "./records.js";

export interface NewMember {
  id?: string;
  firstName: string;
  lastName: string;
  /** A Sales Navigator seat gives the member a sales identity (default true). */
  salesNavigator?: boolean;
  salesIdentityId?: string;
  /** When it was created (imports keep the original time); now when absent. */
  createdAt?: number;
}

/** Registers a member, allocating a person id and, with a seat, a sales identity. */
export async function registerMember(
  input: NewMember,
  deps: { store: Store; clock: Clock },
): Promise<Member> {
  const seat = input.salesNavigator ?? true;
  const salesIdentityId = seat
    ? (input.salesIdentityId ?? (await allocateFreeSalesIdentity(deps.store)))
    : null;
  return deps.store.members.insert({
    id: input.id ?? generateMemberId(),
    firstName: input.firstName,
    lastName: input.lastName,
    salesIdentityId,
    createdAt: input.createdAt ?? deps.clock.nowMs(),
  });
}

/** Skips ids a seed already chose, so generated and chosen identities never collide. */
async function allocateFreeSalesIdentity(store: Store): Promise<string> {
  for (;;) {
    const candidate = await store.members.allocateSalesIdentityId();
    if (!(await store.members.findBySalesIdentity(candidate))) return candidate;
  }
}

export function displayName(member: Member): string {
  return `${member.firstName} ${member.lastName}`.trim();
}
