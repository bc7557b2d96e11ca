import type { Config } from "../config.js";
import type { AdminKeySource } from "../sandbox/admin-key.js";
import type { SeedResult } from "../sandbox/apply-seed.js";

export interface BannerInput {
  address: string;
  config: Config;
  adminKey: AdminKeySource;
  seeded: SeedResult | null;
  dialect: string;
  /**
   * Whether stdout is a terminal. Secrets are shown only there: a captured stdout (a CI log,
   * a service manager's journal) is a log, and no secret may reach one (invariant 8).
   */
  terminal: boolean;
}

/**
 * What a newcomer needs after `npm start`: where the server is, how to authenticate to the
 * control plane, and the first calls to make. A generated admin key or client secret is
 * shown once, when it is created, and only on a terminal; otherwise the banner says where to
 * find or how to replace it.
 */
export function renderBanner(input: BannerInput): string {
  const { address, adminKey, seeded, terminal } = input;
  const lines = [
    "",
    `Regula is listening on ${address} (store: ${input.dialect}${input.config.databaseUrl ? "" : ` in ${input.config.dataDir}`})`,
  ];
  if (adminKey.origin === "generated" && terminal) {
    lines.push(
      `Admin key (generated now, saved to ${adminKey.filePath} with mode 0600):`,
      `  ${adminKey.generatedKey}`,
    );
  } else if (adminKey.origin === "environment") {
    lines.push("Admin key: from REGULA_ADMIN_KEY");
  } else if (adminKey.origin === "caller") {
    lines.push("Admin key: the one the embedding code passed");
  } else {
    lines.push(`Admin key: in ${adminKey.filePath}`);
  }
  const keyExpr =
    adminKey.origin === "environment"
      ? "$REGULA_ADMIN_KEY"
      : adminKey.origin === "caller"
        ? "$ADMIN_KEY"
        : `$(cat ${adminKey.filePath})`;
  for (const app of seeded?.applications ?? []) {
    if (!app.clientSecret) continue;
    lines.push(
      terminal
        ? `Seeded application ${app.id}: client_id ${app.clientId}, client_secret (shown once) ${app.clientSecret}`
        : `Seeded application ${app.id}: client_id ${app.clientId}; its secret is shown only on a terminal: get a new one with POST /sandbox/applications/${app.id}/secret`,
    );
  }
  lines.push(
    `Web console: ${address}/console/ (sign in with the admin key)`,
    "Try:",
    `  curl -s -H "Authorization: Bearer ${keyExpr}" ${address}/sandbox/members`,
    `  curl -s -H "Authorization: Bearer ${keyExpr}" ${address}/sandbox/clock`,
    "",
  );
  return `${lines.join("\n")}\n`;
}

export function printBanner(input: Omit<BannerInput, "terminal">): void {
  process.stdout.write(renderBanner({ ...input, terminal: Boolean(process.stdout.isTTY) }));
}
