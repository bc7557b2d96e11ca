import type { Application, MemberGrant } from "../domain/records.js";
import type { Store } from "../store/store.js";

export interface PermittedApplication {
  application: Application;
  grant: MemberGrant;
}

/** The applications a member authorized, for their privacy settings ("Permitted services"). */
export async function listPermittedApplications(
  store: Store,
  memberId: string,
): Promise<PermittedApplication[]> {
  const grants = await store.grants.listForMember(memberId);
  const permitted: PermittedApplication[] = [];
  for (const grant of grants) {
    const application = await store.applications.findById(grant.applicationId);
    if (application) permitted.push({ application, grant });
  }
  return permitted;
}

/**
 * The member removes an application in their privacy settings: every token they gave it is
 * revoked and its compliance authorization for them ends (MEMBER_REMOVED_APP), at once and
 * atomically (LinkedIn Compliance API docs: "member revokes access"). Returns whether there
 * was anything to remove.
 */
export async function removePermittedApplication(
  store: Store,
  memberId: string,
  applicationId: string,
): Promise<boolean> {
  const hadGrant = (await store.grants.find(applicationId, memberId)) !== null;
  const result = await store.authorizations.removeApplicationForMember(applicationId, memberId);
  return hadGrant || result.revokedTokens > 0 || result.endedAuthorization;
}
