import path from "node:path";
import type { ArchiverConfig } from "./archiver-config.js";

/**
 * The environment contract of `regula certify` (docs/certify.md) as an archiver
 * configuration: the tokens file is the members file, the state directory holds the archive,
 * and every archived event is also appended to the output file. Null when the environment
 * does not carry the contract.
 */
export function archiverConfigFromEnv(
  env: Record<string, string | undefined>,
): ArchiverConfig | null {
  const baseUrl = env.REGULA_BASE_URL;
  if (!baseUrl) return null;
  const required = {
    REGULA_CLIENT_ID: env.REGULA_CLIENT_ID,
    REGULA_CLIENT_SECRET: env.REGULA_CLIENT_SECRET,
    REGULA_MEMBER_TOKENS: env.REGULA_MEMBER_TOKENS,
    REGULA_STATE_DIR: env.REGULA_STATE_DIR,
  };
  const missing = Object.entries(required).filter(([, value]) => !value);
  if (missing.length > 0) {
    throw new Error(`REGULA_BASE_URL is set but ${missing.map(([k]) => k).join(", ")} not`);
  }
  return {
    baseUrl,
    clientId: required.REGULA_CLIENT_ID as string,
    clientSecret: required.REGULA_CLIENT_SECRET as string,
    membersFile: path.resolve(required.REGULA_MEMBER_TOKENS as string),
    archiveDir: path.resolve(required.REGULA_STATE_DIR as string, "archive"),
    pageSize: 50,
    expiryWarningDays: 30,
    ...(env.REGULA_ARCHIVE_OUTPUT ? { outputFile: path.resolve(env.REGULA_ARCHIVE_OUTPUT) } : {}),
  };
}
