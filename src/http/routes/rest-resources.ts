import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { complianceEventsResource } from "./compliance-events.js";
import { memberComplianceAuthorizationsResource } from "./member-compliance-authorizations.js";

/** A `/rest` resource: registered under both `/rest` (versioned) and `/v2` (unversioned). */
export type RestResource = (app: FastifyInstance, services: Services) => Promise<void>;

/** Every LinkedIn-compatible resource Regula serves. */
export const restResources: RestResource[] = [
  complianceEventsResource,
  memberComplianceAuthorizationsResource,
];
