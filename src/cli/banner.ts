import type { Config } from "../config.js";
import type { AdminKeySource } from "../sandbox/admin-key.js";
import type { SeedResult } from "../sandbox/apply-seed.js";

/**
 * What a newcomer needs after `npm start`: where the server is, how to authenticate to the
 * control plane, and the first calls to make. A generated admin key or client secret is
 * shown here once and never logged.
 */
export function printBanner(input: {
  address: string;
  config: Config;
  adminKey: AdminKeySource;
  seeded: SeedResult | null;
  dialect: string;
}): void {
  const { address, adminKey, seeded } = input;
  const lines = [
    "",
    `Regula is listening on ${address} (store: ${input.dialect}${input.config.databaseUrl ? "" : ` in ${input.config.dataDir}`})`,
  ];
  if (adminKey.origin === "generated") {
    lines.push(
      `Admin key (generated now, saved to ${adminKey.filePath} with mode 0600):`,
      `  ${adminKey.generatedKey}`,
    );
  } else if (adminKey.origin === "file") {
    lines.push(`Admin key: in ${adminKey.filePath}`);
  } else {
    lines.push("Admin key: from REGULA_ADMIN_KEY");
  }
  const keyExpr =
    adminKey.origin === "environment" ? "$REGULA_ADMIN_KEY" : `$(cat ${adminKey.filePath})`;
  for (const app of seeded?.applications ?? []) {
    if (app.clientSecret) {
      lines.push(
        `Seeded application ${app.id}: client_id ${app.clientId}, client_secret (shown once) ${app.clientSecret}`,
      );
    }
  }
  lines.push(
    `Web console: ${address}/console/ (sign in with the admin key)`,
    "Try:",
    `  curl -s -H "Authorization: Bearer ${keyExpr}" ${address}/sandbox/members`,
    `  curl -s -H "Authorization: Bearer ${keyExpr}" ${address}/sandbox/clock`,
    "",
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
