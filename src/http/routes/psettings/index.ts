import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services.js";
import { documentOnlyValidator } from "../../openapi/register-openapi.js";
import { htmlErrorHandler } from "../../send-page.js";
import { permittedServicesRoute } from "./permitted-services.js";
import { removePermittedServiceRoute } from "./remove-permitted-service.js";

/** The member's privacy settings pages (spec §3, "A member removes the app"); HTML, errors included. */
export async function registerPrivacySettingsRoutes(
  app: FastifyInstance,
  services: Services,
): Promise<void> {
  // The pages read their forms themselves and answer HTML errors; the schemas document them.
  app.setValidatorCompiler(documentOnlyValidator);
  app.setErrorHandler(htmlErrorHandler);
  permittedServicesRoute(app, services);
  removePermittedServiceRoute(app, services);
}
