import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Credentials: generated, hashed and compared here, below both the domain (application
// secrets) and OAuth (tokens, codes), so neither imports the other for them.
export const ACCESS_TOKEN_PREFIX = "rgl_at_";
export const CLIENT_SECRET_PREFIX = "rgl_cs_";
export const AUTHORIZATION_CODE_PREFIX = "rgl_ac_";
export const REFRESH_TOKEN_PREFIX = "rgl_rt_";
export const ADMIN_KEY_PREFIX = "rgl_admin_";

/**
 * A random credential: 256 bits (32 bytes, base64url), above RFC 6749 §10.10's 128-bit floor,
 * with an optional readable prefix naming its kind.
 */
export function generateSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/**
 * SHA-256 hex of a credential. These values carry 256 random bits, so a fast hash is right:
 * a slow password hash adds nothing against guessing and costs every request.
 */
export function hashSecret(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time equality: compares fixed-length digests so lengths do not leak either. */
export function secretsEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}
