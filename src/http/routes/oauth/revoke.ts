import type { FastifyInstance } from "fastify";
import { revokeToken } from "../../../oauth/revocation.js";
import type { Services } from "../../../services.js";
import { readFormParams } from "./form-params.js";
import { noStore } from "./oauth-error-handler.js";

/** `POST /oauth/v2/revoke`: RFC 7009 revocation; 200 with an empty body, known token or not. */
export function revokeRoute(app: FastifyInstance, services: Services): void {
  app.post("/revoke", async (request, reply) => {
    await revokeToken(readFormParams(request), services);
    return noStore(reply).code(200).send();
  });
}
