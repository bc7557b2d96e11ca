import type { Store } from "../../src/store/store.js";

/**
 * The smallest world the store tests capture into: one application with the compliance
 * permission and members `ids` (sales identities 1001, 1002, …), written straight to the
 * store. Returns the application's id.
 */
export async function insertStoreWorld(
  store: Store,
  options: {
    members: readonly string[];
    at: number;
    names?: (id: string) => { firstName: string; lastName: string };
  },
): Promise<string> {
  const appId = (
    await store.applications.insert({
      name: "A",
      clientId: "client-a",
      clientSecretHash: "a".repeat(64),
      redirectUris: [],
      permissions: ["r_compliance_sales_nav"],
      refreshTokens: false,
      clientCredentials: false,
      createdAt: options.at,
    })
  ).id;
  for (const [i, id] of options.members.entries()) {
    await store.members.insert({
      id,
      ...(options.names?.(id) ?? { firstName: id, lastName: "" }),
      salesIdentityId: String(1001 + i),
      createdAt: options.at,
    });
  }
  return appId;
}
