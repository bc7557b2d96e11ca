import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { registerApplication } from "../../domain/applications.js";
import { notFound } from "../../errors.js";
import { CLIENT_SECRET_PREFIX, generateSecret, hashSecret } from "../../secrets.js";
import type { Services } from "../../services.js";
import { ApplicationView, CreateApplicationBody, IdParams } from "../schemas.js";
import { elementList } from "../view-schemas.js";
import { applicationView } from "../views.js";
import { sandboxDoc, sandboxErrors } from "./operation-docs.js";

const noApplication = { 404: "No application with this id" };

/** `/sandbox/applications`: developer applications and their credentials. */
export async function applicationRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = services;

  app.post(
    "/applications",
    {
      schema: {
        ...sandboxDoc(
          "Register a developer application",
          "The client secret is in this answer only (stored hashed). `permissions` defaults to r_compliance_sales_nav.",
        ),
        body: CreateApplicationBody,
        response: {
          201: ApplicationView,
          ...sandboxErrors({
            body: true,
            400: "An invalid field",
            409: "The id or client id is taken",
          }),
        },
      },
    },
    async (request, reply) => {
      const { application, clientSecret } = await registerApplication(request.body, services);
      return reply.code(201).send(applicationView(application, clientSecret));
    },
  );

  app.get(
    "/applications",
    {
      schema: {
        ...sandboxDoc("List the applications", "Without secrets."),
        response: { 200: elementList(ApplicationView), ...sandboxErrors() },
      },
    },
    async () => ({
      elements: (await store.applications.list()).map((a) => applicationView(a)),
    }),
  );

  app.get(
    "/applications/:id",
    {
      schema: {
        ...sandboxDoc("One application", "Without its secret."),
        params: IdParams,
        response: { 200: ApplicationView, ...sandboxErrors(noApplication) },
      },
    },
    async (request) => {
      const application = await store.applications.findById(request.params.id);
      if (!application) throw notFound(`No application ${request.params.id}`);
      return applicationView(application);
    },
  );

  app.delete(
    "/applications/:id",
    {
      schema: {
        ...sandboxDoc("Delete an application", "Revokes its tokens and ends its authorizations."),
        params: IdParams,
        response: { 204: Type.Null({ description: "Deleted" }), ...sandboxErrors(noApplication) },
      },
    },
    async (request, reply) => {
      if (!(await store.applications.delete(request.params.id)))
        throw notFound(`No application ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );

  // Secrets are shown once; a lost one is replaced, never recovered.
  app.post(
    "/applications/:id/secret",
    {
      schema: {
        ...sandboxDoc(
          "Rotate the client secret",
          "A new secret, shown in this answer only; the old one stops working at once.",
        ),
        params: IdParams,
        response: { 201: ApplicationView, ...sandboxErrors(noApplication) },
      },
    },
    async (request, reply) => {
      const application = await store.applications.findById(request.params.id);
      if (!application) throw notFound(`No application ${request.params.id}`);
      const clientSecret = generateSecret(CLIENT_SECRET_PREFIX);
      await store.applications.replaceSecretHash(application.id, hashSecret(clientSecret));
      return reply.code(201).send(applicationView(application, clientSecret));
    },
  );
}
