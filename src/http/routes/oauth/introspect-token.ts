import type { FastifyInstance } from "fastify";
import { introspectToken } from "../../../oauth/introspection.js";
import type { Services } from "../../../services.js";
import {
  FORM,
  IntrospectionRequest,
  IntrospectionResponse,
  noStoreResponse,
  oauthErrorResponses,
} from "../../schemas/oauth-schemas.js";
import { readFormParams } from "./form-params.js";
import { noStore } from "./oauth-error-handler.js";

/** `POST /oauth/v2/introspectToken`: LinkedIn's token introspection (spec §3). */
export function introspectTokenRoute(app: FastifyInstance, services: Services): void {
  app.post(
    "/introspectToken",
    {
      schema: {
        tags: ["oauth"],
        summary: "Introspect an access token",
        description:
          "LinkedIn's token introspection (spec §3): times in epoch seconds, scope comma-separated. The client authenticates with client_id and client_secret in the form body; an unknown client id is 400, a wrong secret 401.",
        security: [],
        consumes: [FORM],
        body: IntrospectionRequest,
        response: {
          200: noStoreResponse(IntrospectionResponse),
          ...oauthErrorResponses("Bad client secret (`invalid_client_id`)"),
        },
      },
    },
    async (request, reply) => {
      const answer = await introspectToken(readFormParams(request), services);
      return noStore(reply).send(answer);
    },
  );
}
