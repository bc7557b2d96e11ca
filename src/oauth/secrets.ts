import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

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

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A client id shaped like LinkedIn's: 14 lower-case alphanumerics. */
export function generateClientId(): string {
  return randomString(LOWER_ALNUM, 14);
}

/** A person id shaped like LinkedIn's (`2qXA98-mVk`): 10 characters of [A-Za-z0-9_-]. */
export function generateMemberId(): string {
  return randomString(ID_CHARS, 10);
}

/** A decimal id with `digits` digits and no leading zero, like LinkedIn's application ids. */
export function generateNumericId(digits: number): string {
  if (!Number.isInteger(digits) || digits < 1) {
    throw new RangeError(`digits must be a positive integer, got ${digits}`);
  }
  return String(randomInt(1, 10)) + randomString("0123456789", digits - 1);
}
