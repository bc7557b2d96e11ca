import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { AppError } from "../../errors.js";
import type { Services } from "../../services.js";
import { errorResponse } from "../schemas/restli-schemas.js";

const tags = ["server"];

/** `GET /openapi.json`, `/healthz` and `/readyz`: the server itself; no authentication. */
export async function serverRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get(
    "/openapi.json",
    {
      schema: {
        tags,
        summary: "This OpenAPI document",
        description:
          "Generated at start-up from the route schemas the server itself validates and answers with.",
        security: [],
        response: {
          200: Type.Object(
            { openapi: Type.String(), paths: Type.Object({}) },
            { description: "An OpenAPI 3.1 document", additionalProperties: true },
          ),
        },
      },
    },
    async () => app.swagger(),
  );

  app.get(
    "/healthz",
    {
      schema: {
        tags,
        summary: "Liveness",
        description: "The process answers; it does not touch the store.",
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal("ok") }, { additionalProperties: false }),
        },
      },
    },
    async () => ({ status: "ok" }),
  );

  // Ready when the store answers a read; the store is opened only after its migrations ran.
  app.get(
    "/readyz",
    {
      schema: {
        tags,
        summary: "Readiness",
        description: "The store answers a read (it is migrated and reachable).",
        security: [],
        response: {
          200: Type.Object(
            {
              status: Type.Literal("ready"),
              store: Type.Union([Type.Literal("sqlite"), Type.Literal("postgres")]),
            },
            { additionalProperties: false },
          ),
          503: errorResponse("The store is not reachable"),
        },
      },
    },
    async (request) => {
      try {
        await services.store.settings.get("readiness-probe");
        return { status: "ready", store: services.store.dialect };
      } catch (error) {
        request.log.warn({ err: error }, "readiness check failed");
        throw new AppError("SERVICE_UNAVAILABLE", "The store is not reachable");
      }
    },
  );
}
