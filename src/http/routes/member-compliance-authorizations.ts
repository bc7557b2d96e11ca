import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ComplianceAuthorization } from "../../domain/records.js";
import { AppError, accessDenied, badBody } from "../../errors.js";
import { COMPLIANCE_SCOPE } from "../../oauth/scopes.js";
import { DEFAULT_VERSION_MONTH_DATE } from "../../restli/default-version.js";
import {
  encodeCompoundKeyForUrl,
  encodeCompoundKeyReduced,
  parseCompoundKey,
} from "../../restli/keys.js";
import type { Services } from "../../services.js";
import { applicationUrn, personUrn, urnId } from "../../urn.js";
import { requireMember, requireScope, restContext } from "../plugins/rest-protocol.js";
import { optInSchema, optOutSchema } from "./member-compliance-authorizations-schemas.js";
import type { RestHandler } from "./rest-handler.js";

const RESOURCE = "memberComplianceAuthorizations";
const KEY_NAMES = ["developerApplication", "member"] as const;

/**
 * The Compliance Management API (spec §4): opt in (`POST {}`) and opt out (`DELETE` by
 * compound key); the status reads are finders (rest-finders.ts).
 */
export async function memberComplianceAuthorizationsResource(
  app: FastifyInstance,
  services: Services,
): Promise<void> {
  const { store } = services;

  const versioned = app.prefix === "/rest";
  app.post(`/${RESOURCE}`, { schema: optInSchema(versioned) }, async (request, reply) => {
    const principal = requireMember(request, COMPLIANCE_SCOPE, {
      resource: RESOURCE,
      method: "CREATE",
    });
    // A form body parses to {} as well; only the JSON entity {} is an opt-in (spec §4).
    if (!isJsonRequest(request.headers["content-type"]) || !isEmptyObject(request.body)) {
      throw badBody("The request body must be the empty object {}");
    }
    const { authorization } = await store.authorizations.optIn(
      principal.application.id,
      principal.member.id,
      "API_OPT_IN",
    );
    const key = keyEntries(authorization);
    return reply
      .code(201)
      .header("x-restli-id", encodeCompoundKeyReduced(key))
      .header("Location", `${prefixOf(request)}/${RESOURCE}/${encodeCompoundKeyForUrl(key)}`)
      .send();
  });

  app.delete(`/${RESOURCE}/*`, { schema: optOutSchema(versioned) }, async (request, reply) => {
    const principal = requireScope(request, COMPLIANCE_SCOPE, {
      resource: RESOURCE,
      method: "DELETE",
    });
    const key = parseCompoundKey(rawKeySegment(request), KEY_NAMES);
    const applicationId = urnId(key.developerApplication!, "developerApplication");
    const memberId = urnId(key.member!, "person");
    if (!applicationId || !memberId) {
      throw new AppError(
        "INVALID_KEY",
        "The key needs a urn:li:developerApplication and a urn:li:person URN",
      );
    }
    const monthDate = restContext(request).version?.monthDate ?? DEFAULT_VERSION_MONTH_DATE;
    const ownsKey =
      applicationId === principal.application.id &&
      (principal.kind === "application" || principal.member.id === memberId);
    if (!ownsKey) throw accessDenied(RESOURCE, "DELETE", monthDate);
    const closed = await store.authorizations.optOut(applicationId, memberId, "API_OPT_OUT");
    if (!closed) throw new AppError("NOT_FOUND", "The member is not opted in for this application");
    return reply.code(204).send();
  });
}

/**
 * The status read (spec §4): bare GET and both finders answer the token member's open
 * authorization for the token's application, `elements` empty when not opted in.
 */
export const findAuthorizationStatus: RestHandler = async ({ request, services, method }) => {
  const principal = requireMember(request, COMPLIANCE_SCOPE, { resource: RESOURCE, method });
  const open = await services.store.authorizations.findOpen(
    principal.application.id,
    principal.member.id,
  );
  const elements = open ? [authorizationView(open)] : [];
  return { elements, paging: { start: 0, count: 10, total: elements.length, links: [] } };
};

function isJsonRequest(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? "");
}

function isEmptyObject(body: unknown): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0
  );
}

function keyEntries(authorization: ComplianceAuthorization): Array<[string, string]> {
  return [
    ["developerApplication", applicationUrn(authorization.applicationId)],
    ["member", personUrn(authorization.memberId)],
  ];
}

/** The authorization record exactly as LinkedIn documents it. */
export function authorizationView(authorization: ComplianceAuthorization) {
  return {
    memberComplianceAuthorizationKey: {
      developerApplication: applicationUrn(authorization.applicationId),
      member: personUrn(authorization.memberId),
    },
    regulatedAt: authorization.regulatedAt,
    memberComplianceScopes: ["SALES_NAV"],
  };
}

/** The key exactly as the client wrote it: routers decode, and keys must be parsed raw. */
function rawKeySegment(request: FastifyRequest): string {
  const path = (request.raw.url ?? "").split("?")[0] ?? "";
  const marker = `/${RESOURCE}/`;
  return path.slice(path.indexOf(marker) + marker.length);
}

function prefixOf(request: FastifyRequest): string {
  return request.url.startsWith("/v2/") ? "/v2" : "/rest";
}
