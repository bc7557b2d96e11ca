import type { FastifyInstance } from "fastify";
import { AppError } from "../../errors.js";
import { hashSecret, secretsEqual } from "../../secrets.js";

/**
 * Every control-plane call needs `Authorization: Bearer <admin key>`; 401 JSON otherwise.
 * The message tells a missing key from a wrong one, so a person knows which to fix.
 */
export function registerAdminAuth(app: FastifyInstance, adminKeyHash: string): void {
  app.addHook("onRequest", async (request) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
    if (match && secretsEqual(hashSecret(match[1]!), adminKeyHash)) return;
    throw new AppError(
      "ADMIN_KEY_REQUIRED",
      match
        ? "The admin key is wrong: it is not this server's key (REGULA_ADMIN_KEY, or the admin-key file in its data directory)"
        : "The control plane needs Authorization: Bearer <admin key>",
      { headers: { "WWW-Authenticate": 'Bearer realm="regula-sandbox"' } },
    );
  });
}
