import type { FastifyInstance } from "fastify";
import { handleTokenRequest } from "../../../oauth/token-endpoint.js";
import type { Services } from "../../../services.js";
import { readFormParams } from "./form-params.js";
import { noStore } from "./oauth-error-handler.js";

/** `POST /oauth/v2/accessToken`: the token endpoint (spec §3); the grants live in src/oauth. */
export function accessTokenRoute(app: FastifyInstance, services: Services): void {
  app.post("/accessToken", async (request, reply) => {
    const token = await handleTokenRequest(readFormParams(request), services);
    return noStore(reply).send(token);
  });
}
