import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { registerApplication } from "../../domain/applications.js";
import { notFound } from "../../errors.js";
import { CLIENT_SECRET_PREFIX, generateSecret, hashSecret } from "../../secrets.js";
import type { Services } from "../../services.js";
import { CreateApplicationBody, IdParams } from "../schemas.js";
import { applicationView } from "../views.js";

/** `/sandbox/applications`: developer applications and their credentials. */
export async function applicationRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = services;

  app.post("/applications", { schema: { body: CreateApplicationBody } }, async (request, reply) => {
    const { application, clientSecret } = await registerApplication(request.body, services);
    return reply.code(201).send(applicationView(application, clientSecret));
  });

  app.get("/applications", async () => ({
    elements: (await store.applications.list()).map((a) => applicationView(a)),
  }));

  app.get("/applications/:id", { schema: { params: IdParams } }, async (request) => {
    const application = await store.applications.findById(request.params.id);
    if (!application) throw notFound(`No application ${request.params.id}`);
    return applicationView(application);
  });

  app.delete("/applications/:id", { schema: { params: IdParams } }, async (request, reply) => {
    if (!(await store.applications.delete(request.params.id)))
      throw notFound(`No application ${request.params.id}`);
    return reply.code(204).send();
  });

  // Secrets are shown once; a lost one is replaced, never recovered.
  app.post("/applications/:id/secret", { schema: { params: IdParams } }, async (request, reply) => {
    const application = await store.applications.findById(request.params.id);
    if (!application) throw notFound(`No application ${request.params.id}`);
    const clientSecret = generateSecret(CLIENT_SECRET_PREFIX);
    await store.applications.replaceSecretHash(application.id, hashSecret(clientSecret));
    return reply.code(201).send(applicationView(application, clientSecret));
  });
}
