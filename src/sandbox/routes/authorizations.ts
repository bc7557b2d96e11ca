import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { ComplianceAuthorization } from "../../domain/records.js";
import { notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { personUrn } from "../../urn.js";
import { findApplicationByRef, findMemberByRef } from "../find-by-ref.js";
import { AuthorizationHistoryView } from "../schemas.js";
import { authorizationHistoryView } from "../views.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const Ref = Type.String({ minLength: 1, maxLength: 200 });

export const CreateAuthorizationBody = Type.Object(
  { application: Ref, member: Ref },
  { additionalProperties: false },
);

export const AuthorizationParams = Type.Object({ applicationId: Ref, memberId: Ref });

export const AuthorizationView = Type.Composite(
  [
    AuthorizationHistoryView,
    Type.Object({
      member: Type.String(),
      memberUrn: Type.String(),
      /** False when the member was already regulated: nothing changed (idempotent, as the API). */
      created: Type.Boolean(),
    }),
  ],
  { additionalProperties: false },
);
type AuthorizationView = Static<typeof AuthorizationView>;

/**
 * `/sandbox/authorizations`: an administrator opts a member in or out for an application
 * (cause `ADMIN` in the history), as the console's Authorize and De-authorize buttons do.
 * Both take the member's capture lock like the Compliance Management API.
 */
export async function authorizationRoutes(
  root: FastifyInstance,
  services: Services,
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = services;

  app.post(
    "/authorizations",
    {
      schema: {
        ...sandboxDoc(
          "Opt a member in (administrator)",
          "Cause ADMIN in the history; idempotent like the API (`created: false` when already regulated). Takes the member's capture lock.",
        ),
        body: CreateAuthorizationBody,
        response: {
          201: AuthorizationView,
          ...sandboxErrors({
            body: true,
            400: "An invalid field",
            404: "No such application or member",
          }),
        },
      },
    },
    async (request, reply) => {
      const application = await findApplicationByRef(store, request.body.application);
      const member = await findMemberByRef(store, request.body.member);
      const { authorization, created } = await store.authorizations.optIn(
        application.id,
        member.id,
        "ADMIN",
      );
      return reply.code(201).send(authorizationView(authorization, created));
    },
  );

  app.delete(
    "/authorizations/:applicationId/:memberId",
    {
      schema: {
        ...sandboxDoc("Opt a member out (administrator)", "Cause ADMIN in the history."),
        params: AuthorizationParams,
        response: {
          204: Type.Null({ description: "Opted out" }),
          ...sandboxErrors({
            400: "An invalid reference",
            404: "No such application or member, or the member is not regulated for it",
          }),
        },
      },
    },
    async (request, reply) => {
      const application = await findApplicationByRef(store, request.params.applicationId);
      const member = await findMemberByRef(store, request.params.memberId);
      const closed = await store.authorizations.optOut(application.id, member.id, "ADMIN");
      if (!closed) {
        throw notFound(`Member ${member.id} is not regulated for application ${application.id}`);
      }
      return reply.code(204).send(null);
    },
  );
}

function authorizationView(
  authorization: ComplianceAuthorization,
  created: boolean,
): AuthorizationView {
  return {
    ...authorizationHistoryView(authorization),
    member: authorization.memberId,
    memberUrn: personUrn(authorization.memberId),
    created,
  };
}
