import fs from "node:fs";
import path from "node:path";
import { ADMIN_KEY_PREFIX, generateSecret, hashSecret } from "../secrets.js";

export interface AdminKeySource {
  /** SHA-256 of the key; the key itself is kept nowhere in memory after start-up. */
  keyHash: string;
  /** Where the key came from, for the start-up banner ("caller": composeServer's option). */
  origin: "environment" | "file" | "generated" | "caller";
  filePath: string | null;
  /** Only when generated now: shown once at start-up, never logged again. */
  generatedKey: string | null;
}

export const ADMIN_KEY_FILE = "admin-key";

/**
 * The control plane's key: `REGULA_ADMIN_KEY` when set; otherwise the key in
 * `<dataDir>/admin-key` (mode 0600), generated and written there on first start.
 */
export function resolveAdminKey(options: {
  configuredKey: string | undefined;
  dataDir: string;
}): AdminKeySource {
  if (options.configuredKey) {
    return {
      keyHash: hashSecret(options.configuredKey),
      origin: "environment",
      filePath: null,
      generatedKey: null,
    };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const filePath = path.resolve(options.dataDir, ADMIN_KEY_FILE);
  try {
    const existing = fs.readFileSync(filePath, "utf8").trim();
    if (existing) {
      fs.chmodSync(filePath, 0o600);
      return { keyHash: hashSecret(existing), origin: "file", filePath, generatedKey: null };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = generateSecret(ADMIN_KEY_PREFIX);
  // "wx" fails if another process created the file meanwhile; then we use theirs.
  try {
    fs.writeFileSync(filePath, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return resolveAdminKey(options);
    throw error;
  }
  return { keyHash: hashSecret(key), origin: "generated", filePath, generatedKey: key };
}
