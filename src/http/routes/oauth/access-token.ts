import type { FastifyInstance } from "fastify";
import { handleTokenRequest } from "../../../oauth/token-endpoint.js";
import type { Services } from "../../../services.js";
import {
  FORM,
  noStoreResponse,
  oauthErrorResponses,
  TokenRequest,
  TokenResponse,
} from "../../schemas/oauth-schemas.js";
import { readFormParams } from "./form-params.js";
import { noStore } from "./oauth-error-handler.js";

/** `POST /oauth/v2/accessToken`: the token endpoint (spec §3); the grants live in src/oauth. */
export function accessTokenRoute(app: FastifyInstance, services: Services): void {
  app.post(
    "/accessToken",
    {
      schema: {
        tags: ["oauth"],
        summary: "Exchange a code, refresh a token, or get an application token",
        description:
          "RFC 6749 token endpoint (spec §3). The client authenticates with client_id and client_secret in the form body. `authorization_code` (with redirect_uri, PKCE code_verifier when the code had a challenge) and `refresh_token` give a member token; `client_credentials` an application token (1800 s), for applications allowed to.",
        security: [],
        consumes: [FORM],
        body: TokenRequest,
        response: {
          200: noStoreResponse(TokenResponse),
          ...oauthErrorResponses(
            "Bad client credentials (`invalid_client_id`), an unknown or used code (`invalid_request`), or client credentials not enabled (`access_denied`)",
          ),
        },
      },
    },
    async (request, reply) => {
      const token = await handleTokenRequest(readFormParams(request), services);
      return noStore(reply).send(token);
    },
  );
}
