import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Application, Member } from "../../domain/records.js";
import { invalidParam } from "../../errors.js";
import { scopesNotGranted } from "../../oauth/authorization-request.js";
import { approveAuthorization, grantAndIssueMemberToken } from "../../oauth/consent.js";
import { removePermittedApplication } from "../../oauth/permitted-services.js";
import { isRegisteredRedirectUri } from "../../oauth/redirect-uri.js";
import { COMPLIANCE_SCOPE } from "../../oauth/scopes.js";
import type { Services } from "../../services.js";
import { findApplicationByRef, findMemberByRef } from "../find-by-ref.js";
import { IdParams } from "../schemas.js";
import { IssuedCode, IssuedToken } from "../view-schemas.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const memberOAuthErrors = {
  400: "An invalid field, a scope the application was not granted, or an unregistered redirect URI",
  404: "No such member or application",
};

const ApplicationRef = Type.String({
  minLength: 1,
  maxLength: 200,
  description: "Application id or its URN",
});
const Scopes = Type.Array(Type.String({ pattern: "^[A-Za-z0-9_:.-]{1,100}$" }), {
  minItems: 1,
  maxItems: 50,
});

// Scopes default to the compliance scope: the token a compliance archiver asks members for.
const IssueTokenBody = Type.Object(
  { application: ApplicationRef, scopes: Type.Optional(Scopes) },
  { additionalProperties: false },
);
const IssueCodeBody = Type.Object(
  {
    application: ApplicationRef,
    redirectUri: Type.String({ minLength: 1, maxLength: 2000 }),
    scopes: Type.Optional(Scopes),
  },
  { additionalProperties: false },
);
const PermittedApplicationParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  applicationId: ApplicationRef,
});

/**
 * Shortcuts past the browser (sandbox.md): a member's token, a member's authorization code,
 * and the member removing an application. Each runs the same OAuth services as the consent
 * and privacy pages, so what they produce is indistinguishable from the real flow.
 */
export async function memberOAuthRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/members/:id/tokens",
    {
      schema: {
        ...sandboxDoc(
          "Mint a member's access token",
          "The token the member would get by consenting in the browser; scopes default to r_compliance_sales_nav.",
        ),
        params: IdParams,
        body: IssueTokenBody,
        response: { 201: IssuedToken, ...sandboxErrors({ ...memberOAuthErrors, body: true }) },
      },
    },
    async (request, reply) => {
      const { member, application } = await memberAndApplication(
        services,
        request.params.id,
        request.body.application,
      );
      const scopes = request.body.scopes ?? [COMPLIANCE_SCOPE];
      requireGrantedScopes(application, scopes);
      const token = await grantAndIssueMemberToken(services, {
        application,
        memberId: member.id,
        scopes,
      });
      return reply.code(201).send(token);
    },
  );

  app.post(
    "/members/:id/authorization-codes",
    {
      schema: {
        ...sandboxDoc(
          "Mint a member's authorization code",
          "The code the consent page would send to the redirect URI; exchange it at /oauth/v2/accessToken.",
        ),
        params: IdParams,
        body: IssueCodeBody,
        response: { 201: IssuedCode, ...sandboxErrors({ ...memberOAuthErrors, body: true }) },
      },
    },
    async (request, reply) => {
      const { member, application } = await memberAndApplication(
        services,
        request.params.id,
        request.body.application,
      );
      if (!isRegisteredRedirectUri(application, request.body.redirectUri)) {
        throw invalidParam("redirectUri", "redirectUri is not registered for the application");
      }
      const scopes = request.body.scopes ?? [COMPLIANCE_SCOPE];
      requireGrantedScopes(application, scopes);
      const { code } = await approveAuthorization(
        services,
        {
          application,
          redirectUri: request.body.redirectUri,
          scopes,
          state: undefined,
          codeChallenge: null,
          codeChallengeMethod: null,
        },
        member.id,
      );
      return reply.code(201).send({ code });
    },
  );

  app.delete(
    "/members/:id/permitted-applications/:applicationId",
    {
      schema: {
        ...sandboxDoc(
          "The member removes an application",
          "As the privacy settings page does: revokes the member's tokens for it and ends its compliance authorization.",
        ),
        params: PermittedApplicationParams,
        response: {
          204: Type.Null({ description: "Removed" }),
          ...sandboxErrors({ 404: "No such member or application" }),
        },
      },
    },
    async (request, reply) => {
      const { member, application } = await memberAndApplication(
        services,
        request.params.id,
        request.params.applicationId,
      );
      await removePermittedApplication(services.store, member.id, application.id);
      return reply.code(204).send(null);
    },
  );
}

type ApplicationRef = Static<typeof ApplicationRef>;

async function memberAndApplication(
  services: Services,
  memberRef: string,
  applicationRef: ApplicationRef,
): Promise<{ member: Member; application: Application }> {
  const member = await findMemberByRef(services.store, memberRef);
  const application = await findApplicationByRef(services.store, applicationRef);
  return { member, application };
}

function requireGrantedScopes(application: Application, scopes: readonly string[]): void {
  const missing = scopesNotGranted(application, scopes);
  if (missing.length > 0)
    throw invalidParam("scopes", `The application was not granted ${missing.join(", ")}`);
}
