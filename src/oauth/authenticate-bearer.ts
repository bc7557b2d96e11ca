import type { Clock } from "../clock.js";
import type { AccessToken, Application, Member } from "../domain/records.js";
import { AppError } from "../errors.js";
import { hashSecret } from "../secrets.js";
import type { Store } from "../store/store.js";

/** Who a `/rest` call acts for: a member through an application (3-legged) or the application alone. */
export type Principal =
  | { kind: "member"; token: AccessToken; application: Application; member: Member }
  | { kind: "application"; token: AccessToken; application: Application };

const BEARER = /^Bearer[ ]+(\S*)\s*$/i;

/**
 * Resolves `Authorization: Bearer <token>` to a principal, with LinkedIn's distinct 401s:
 * missing or empty (65604), unknown (65600), revoked (65601), expired (65602).
 * The token is looked up by its SHA-256 hash, so the comparison never touches the secret.
 */
export async function authenticateBearer(
  header: string | undefined,
  deps: { store: Store; clock: Clock },
): Promise<Principal> {
  const raw = header === undefined ? "" : (BEARER.exec(header)?.[1] ?? null);
  if (raw === "") throw new AppError("EMPTY_ACCESS_TOKEN", "Empty oauth2_access_token");
  if (raw === null) throw invalidToken();
  const found = await deps.store.tokens.findBearer(hashSecret(raw));
  if (!found) throw invalidToken();
  const { token, application, member } = found;
  if (token.revokedAt !== null) {
    throw new AppError(
      "REVOKED_ACCESS_TOKEN",
      "The token used in the request has been revoked by the user",
    );
  }
  if (token.expiresAt <= deps.clock.nowMs()) {
    throw new AppError("EXPIRED_ACCESS_TOKEN", "The token used in the request has expired");
  }
  if (!application) throw invalidToken();
  if (token.memberId === null) return { kind: "application", token, application };
  if (!member) throw invalidToken();
  return { kind: "member", token, application, member };
}

function invalidToken(): AppError {
  return new AppError("INVALID_ACCESS_TOKEN", "Invalid access token");
}
