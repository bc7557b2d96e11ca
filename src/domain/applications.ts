import type { Clock } from "../clock.js";
import { generateClientId } from "../random-ids.js";
import { CLIENT_SECRET_PREFIX, generateSecret, hashSecret } from "../secrets.js";
import type { Store } from "../store/store.js";
import type { Application } from "./records.js";

export const COMPLIANCE_PERMISSION = "r_compliance_sales_nav";

export interface NewApplication {
  id?: string;
  name: string;
  redirectUris: string[];
  permissions?: string[];
  refreshTokens?: boolean;
  clientCredentials?: boolean;
  /** Caller-chosen credentials (seeds); generated when absent. */
  clientId?: string;
  clientSecret?: string;
  clientSecretHash?: string;
  /** When it was created (imports keep the original time); now when absent. */
  createdAt?: number;
}

/**
 * Registers a developer application. The client secret is returned once and stored only as
 * its SHA-256 hash. Client credentials (2-legged tokens) are on by default: LinkedIn grants
 * them to compliance partners so they can opt out members whose tokens expired.
 */
export async function registerApplication(
  input: NewApplication,
  deps: { store: Store; clock: Clock },
): Promise<{ application: Application; clientSecret: string | null }> {
  const clientSecret = input.clientSecretHash
    ? null
    : (input.clientSecret ?? generateSecret(CLIENT_SECRET_PREFIX));
  const application = await deps.store.applications.insert({
    ...(input.id === undefined ? {} : { id: input.id }),
    name: input.name,
    clientId: input.clientId ?? generateClientId(),
    clientSecretHash: input.clientSecretHash ?? hashSecret(clientSecret!),
    redirectUris: [...new Set(input.redirectUris)],
    permissions: [...new Set(input.permissions ?? [COMPLIANCE_PERMISSION])],
    refreshTokens: input.refreshTokens ?? false,
    clientCredentials: input.clientCredentials ?? true,
    createdAt: input.createdAt ?? deps.clock.nowMs(),
  });
  return { application, clientSecret };
}
