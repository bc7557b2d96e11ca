import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { registerMember } from "../../domain/members.js";
import { notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { CreateMemberBody, IdParams, MemberView } from "../schemas.js";
import { elementList, MemberDetail } from "../view-schemas.js";
import { authorizationHistoryView, memberView } from "../views.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

/** `/sandbox/members`: members, their seats and their compliance authorizations with history. */
export async function memberRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = services;

  app.post(
    "/members",
    {
      schema: {
        ...sandboxDoc(
          "Create a member",
          "`salesIdentity` only with a Sales Navigator seat (`salesNavigator`, default true).",
        ),
        body: CreateMemberBody,
        response: {
          201: MemberView,
          ...sandboxErrors({ body: true, 400: "An invalid field", 409: "The id is taken" }),
        },
      },
    },
    async (request, reply) => {
      const member = await registerMember(request.body, services);
      return reply.code(201).send(memberView(member));
    },
  );

  app.get(
    "/members",
    {
      schema: {
        ...sandboxDoc(
          "List the members",
          "Every member of the world, with their person and sales identity URNs.",
        ),
        response: { 200: elementList(MemberView), ...sandboxErrors() },
      },
    },
    async () => ({ elements: (await store.members.list()).map(memberView) }),
  );

  app.get(
    "/members/:id",
    {
      schema: {
        ...sandboxDoc(
          "One member",
          "With every compliance authorization interval (causes included) and the OAuth grants the member gave.",
        ),
        params: IdParams,
        response: { 200: MemberDetail, ...sandboxErrors({ 404: "No member with this id" }) },
      },
    },
    async (request) => {
      const member = await store.members.findById(request.params.id);
      if (!member) throw notFound(`No member ${request.params.id}`);
      const history = await store.authorizations.listForMember(member.id);
      const grants = await store.grants.listForMember(member.id);
      return {
        ...memberView(member),
        authorizations: history.map(authorizationHistoryView),
        permittedApplications: grants.map((g) => ({
          application: g.applicationId,
          scopes: g.scopes,
          grantedAt: g.grantedAt,
        })),
      };
    },
  );
}
