import type { Application, ComplianceAuthorization, Member } from "../domain/records.js";
import { applicationUrn, personUrn, salesIdentityUrn } from "../urn.js";
import type { ApplicationView, MemberView } from "./schemas.js";

/** The control plane's JSON for an application; the secret only when just created. */
export function applicationView(app: Application, clientSecret?: string | null): ApplicationView {
  return {
    id: app.id,
    urn: applicationUrn(app.id),
    name: app.name,
    clientId: app.clientId,
    ...(clientSecret ? { clientSecret } : {}),
    redirectUris: app.redirectUris,
    permissions: app.permissions,
    refreshTokens: app.refreshTokens,
    clientCredentials: app.clientCredentials,
    createdAt: app.createdAt,
  };
}

export function memberView(member: Member): MemberView {
  return {
    id: member.id,
    urn: personUrn(member.id),
    firstName: member.firstName,
    lastName: member.lastName,
    ...(member.salesIdentityId ? { salesIdentity: salesIdentityUrn(member.salesIdentityId) } : {}),
    createdAt: member.createdAt,
  };
}

export function authorizationHistoryView(authorization: ComplianceAuthorization) {
  return {
    application: authorization.applicationId,
    applicationUrn: applicationUrn(authorization.applicationId),
    regulatedAt: authorization.regulatedAt,
    optInCause: authorization.optInCause,
    optedOutAt: authorization.optedOutAt,
    optOutCause: authorization.optOutCause,
    active: authorization.optedOutAt === null,
  };
}
