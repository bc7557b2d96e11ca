import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { memberComplianceAuthorizationsResource } from "./member-compliance-authorizations.js";
import { restCollectionRoutes } from "./rest-collection-routes.js";

/** A `/rest` resource: registered under both `/rest` (versioned) and `/v2` (unversioned). */
export type RestResource = (app: FastifyInstance, services: Services) => Promise<void>;

/** Every LinkedIn-compatible resource Regula serves: the finder table's reads, then writes. */
export const restResources: RestResource[] = [
  restCollectionRoutes,
  memberComplianceAuthorizationsResource,
];
