import { createHash } from "node:crypto";
import { secretsEqual } from "../secrets.js";

/** RFC 7636 §4.1: a verifier is 43–128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))) (RFC 7636 §4.2). */
export function s256Challenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/**
 * Whether `verifier` answers `challenge` under `method` (RFC 7636 §4.6): `S256` or `plain`,
 * a missing method meaning `plain` (§4.3); any other method, or a verifier outside §4.1's
 * form, fails. The comparison is constant-time.
 *
 * Argument order is verifier first, as `grants/authorization-code.ts` calls it.
 */
export function verifyPkce(verifier: string, challenge: string, method: string | null): boolean {
  if (!VERIFIER.test(verifier)) return false;
  switch (method ?? "plain") {
    case "S256":
      return secretsEqual(s256Challenge(verifier), challenge);
    case "plain":
      return secretsEqual(verifier, challenge);
    default:
      return false;
  }
}
