import type { FastifyInstance } from "fastify";
import type { AuthFailureLimiter } from "../../domain/auth-failure-limiter.js";
import { AppError } from "../../errors.js";
import { hashSecret, secretsEqual } from "../../secrets.js";
import { addressKey, tooManyAuthFailures } from "./auth-failure-limit.js";

/**
 * Every control-plane call needs `Authorization: Bearer <admin key>`; 401 JSON otherwise.
 * Wrong keys count per source address; over the limit, 429 until the window passes, the
 * right key too (the key has no id, so the address is the only thing to count by).
 */
export function registerAdminAuth(
  app: FastifyInstance,
  adminKeyHash: string,
  limiter: AuthFailureLimiter,
): void {
  app.addHook("onRequest", async (request) => {
    const keys = [addressKey("admin", request)];
    const waitMs = limiter.retryAfterMs(keys);
    if (waitMs > 0) throw tooManyAuthFailures(waitMs);
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
    if (!match || !secretsEqual(hashSecret(match[1]!), adminKeyHash)) {
      // A call with no key at all is a mistake, not a guess; only wrong keys count.
      if (match) limiter.recordFailure(keys);
      throw new AppError(
        "ADMIN_KEY_REQUIRED",
        match
          ? "The admin key is wrong: it is not this server's key (REGULA_ADMIN_KEY, or the admin-key file in its data directory)"
          : "The control plane needs Authorization: Bearer <admin key>",
        { headers: { "WWW-Authenticate": 'Bearer realm="regula-sandbox"' } },
      );
    }
  });
}
