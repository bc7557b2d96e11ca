import { randomInt } from "node:crypto";

// Public ids shaped like LinkedIn's. Below both the domain (members, applications) and OAuth,
// so neither imports the other for them. Not secrets: secrets.ts makes those.

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
