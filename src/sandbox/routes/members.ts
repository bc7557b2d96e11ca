import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { registerMember } from "../../domain/members.js";
import { notFound } from "../../errors.js";
import type { Services } from "../../services.js";
import { CreateMemberBody, IdParams } from "../schemas.js";
import { authorizationHistoryView, memberView } from "../views.js";

/** `/sandbox/members`: members, their seats and their compliance authorizations with history. */
export async function memberRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = services;

  app.post("/members", { schema: { body: CreateMemberBody } }, async (request, reply) => {
    const member = await registerMember(request.body, services);
    return reply.code(201).send(memberView(member));
  });

  app.get("/members", async () => ({ elements: (await store.members.list()).map(memberView) }));

  app.get("/members/:id", { schema: { params: IdParams } }, async (request) => {
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
  });
}
