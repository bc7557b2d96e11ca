import type { FastifyInstance } from "fastify";
import { introspectToken } from "../../../oauth/introspection.js";
import type { Services } from "../../../services.js";
import { readFormParams } from "./form-params.js";
import { noStore } from "./oauth-error-handler.js";

/** `POST /oauth/v2/introspectToken`: LinkedIn's token introspection (spec §3). */
export function introspectTokenRoute(app: FastifyInstance, services: Services): void {
  app.post("/introspectToken", async (request, reply) => {
    const answer = await introspectToken(readFormParams(request), services);
    return noStore(reply).send(answer);
  });
}
