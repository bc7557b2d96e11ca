import type { FastifyInstance } from "fastify";
import { type OpenApiDocument, renderDocsPage } from "../pages/docs-page.js";
import { htmlPage } from "../schemas/page-schemas.js";
import { sendPage } from "../send-page.js";

/** `GET /docs`: the OpenAPI document rendered for people, with no external assets. */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  // The document does not change once the server is ready; render it once, on first use.
  let html: string | null = null;
  app.get(
    "/docs",
    {
      schema: {
        tags: ["server"],
        summary: "This document, for people",
        description:
          "Every operation with its parameters, body and responses, rendered on the server; no scripts, no external assets.",
        security: [],
        response: { 200: htmlPage("The API documentation") },
      },
    },
    async (_request, reply) => {
      html ??= renderDocsPage(app.swagger() as unknown as OpenApiDocument);
      return sendPage(reply, 200, html);
    },
  );
}
