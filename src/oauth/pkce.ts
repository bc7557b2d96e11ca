import { createHash } from "node:crypto";
import { secretsEqual } from "./secrets.js";

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 7636 §4.2: the S256 challenge of a verifier. */
export function s256Challenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** RFC 7636 §4.6: does `verifier` answer `challenge` under `method` (S256 or plain)? */
export function verifyPkce(verifier: string, challenge: string, method: string): boolean {
  if (!VERIFIER.test(verifier)) return false;
  if (method === "S256") return secretsEqual(s256Challenge(verifier), challenge);
  if (method === "plain") return secretsEqual(verifier, challenge);
  return false;
}
