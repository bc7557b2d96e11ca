import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { AppError, notFound } from "../../errors.js";
import { documentOnlyValidator } from "../openapi/register-openapi.js";
import { redirect } from "../schemas/page-schemas.js";
import { errorResponse } from "../schemas/restli-schemas.js";

const tags = ["server"];

/** Where `npm run build:web` writes the console (web/dist at the repository root). */
export const defaultConsoleDir = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

export const CONSOLE_PREFIX = "/console";

/**
 * Same-origin only: the bundle, its stylesheet and calls to the control plane. No inline
 * script or style, no framing, no form posts elsewhere.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

// Vite names every asset after its content hash, so a URL never changes meaning.
const IMMUTABLE = "public, max-age=31536000, immutable";
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * `/console/`: the web console's single page and its assets, served from `distDir`. The
 * directory is looked at on every request, so building the console while the server runs
 * takes effect at once; until it is built, `/console` answers a JSON 503 saying how.
 */
export async function consoleRoutes(
  app: FastifyInstance,
  options: { distDir: string },
): Promise<void> {
  const { distDir } = options;
  // Only the reply.sendFile decorator; the routes below decide what may be served.
  await app.register(fastifyStatic, { serve: false });

  app.addHook("onRequest", async (_request, reply) => {
    reply.header("content-security-policy", consoleContentSecurityPolicy);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
  });

  // The wildcard is checked below (SAFE_PATH); its params schema only names it for the document.
  app.setValidatorCompiler(documentOnlyValidator);
  app.get(
    CONSOLE_PREFIX,
    {
      schema: {
        tags,
        summary: "The web console",
        description: "Redirects to the console's page.",
        security: [],
        response: { 301: redirect("To /console/") },
      },
    },
    async (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`, 301),
  );

  app.get(
    `${CONSOLE_PREFIX}/*`,
    {
      schema: {
        tags,
        summary: "The web console's page and assets",
        description:
          "The single page (`/console/`) and its content-hashed assets; the console then calls /sandbox with the admin key the user signs in with.",
        security: [],
        params: Type.Object({
          path: Type.String({ description: "`` or `index.html` for the page, else an asset" }),
        }),
        response: {
          200: {
            description: "The page or an asset",
            content: { "*/*": { schema: Type.String() } },
          },
          404: errorResponse("No such asset"),
          503: errorResponse("The console is not built (npm run build:web)"),
        },
      },
    },
    async (request, reply) => {
      const wanted = (request.params as { "*": string })["*"];
      if (!fs.existsSync(path.join(distDir, "index.html"))) throw consoleNotBuilt();
      if (wanted === "" || wanted === "index.html") {
        // The page names the current asset hashes, so it is fetched afresh every time.
        reply.header("cache-control", "no-store");
        return reply.sendFile("index.html", distDir, { cacheControl: false });
      }
      // Segments never start with a dot: no "..", no dotfiles.
      if (!SAFE_PATH.test(wanted) || !isFile(path.join(distDir, wanted))) throw notFound();
      reply.header("cache-control", wanted.startsWith("assets/") ? IMMUTABLE : "no-cache");
      return reply.sendFile(wanted, distDir, { cacheControl: false });
    },
  );
}

function isFile(filePath: string): boolean {
  return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
}

function consoleNotBuilt(): AppError {
  return new AppError(
    "SERVICE_UNAVAILABLE",
    "The web console is not built: run `npm run build:web` (npm start does it for you)",
  );
}
