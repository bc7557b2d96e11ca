import type { FastifyInstance } from "fastify";
import { revokeToken } from "../../../oauth/revocation.js";
import type { Services } from "../../../services.js";
import {
  FORM,
  oauthErrorResponses,
  RevocationRequest,
  RevocationResponse,
} from "../../schemas/oauth-schemas.js";
import { readFormParams } from "./form-params.js";
import { noStore } from "./oauth-error-handler.js";

/** `POST /oauth/v2/revoke`: RFC 7009 revocation; 200 with an empty body, known token or not. */
export function revokeRoute(app: FastifyInstance, services: Services): void {
  app.post(
    "/revoke",
    {
      schema: {
        tags: ["oauth"],
        summary: "Revoke an access token",
        description:
          "RFC 7009 revocation: 200 with an empty body whether or not the token was known. The client authenticates with client_id and client_secret in the form body.",
        security: [],
        consumes: [FORM],
        body: RevocationRequest,
        response: {
          200: RevocationResponse,
          ...oauthErrorResponses("Bad client credentials (`invalid_client_id`)"),
        },
      },
    },
    async (request, reply) => {
      await revokeToken(readFormParams(request), services);
      return noStore(reply).code(200).send();
    },
  );
}
