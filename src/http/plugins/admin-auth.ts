import type { FastifyInstance } from "fastify";
import { AppError } from "../../errors.js";
import { hashSecret, secretsEqual } from "../../secrets.js";

/** Every control-plane call needs `Authorization: Bearer <admin key>`; 401 JSON otherwise. */
export function registerAdminAuth(app: FastifyInstance, adminKeyHash: string): void {
  app.addHook("onRequest", async (request) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
    if (!match || !secretsEqual(hashSecret(match[1]!), adminKeyHash)) {
      throw new AppError(
        "ADMIN_KEY_REQUIRED",
        "The control plane needs Authorization: Bearer <admin key>",
        {
          headers: { "WWW-Authenticate": 'Bearer realm="regula-sandbox"' },
        },
      );
    }
  });
}
