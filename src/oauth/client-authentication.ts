import type { Application } from "../domain/records.js";
import { hashSecret, secretsEqual } from "../secrets.js";
import type { Store } from "../store/store.js";
import { invalidClient } from "./oauth-errors.js";

/**
 * Authenticates a client by `client_id` and `client_secret` in the form body (RFC 6749
 * §2.3.1). The secret is hashed and the hashes compared in constant time; an unknown id and
 * a wrong secret fail alike (LinkedIn: 401 invalid_client_id "Client authentication failed").
 */
export async function authenticateClient(
  store: Store,
  clientId: string,
  clientSecret: string,
): Promise<Application> {
  const application = await store.applications.findByClientId(clientId);
  // Hash even when the id is unknown, so timing does not tell which half was wrong.
  const presented = hashSecret(clientSecret);
  if (!application || !secretsEqual(presented, application.clientSecretHash)) throw invalidClient();
  return application;
}
