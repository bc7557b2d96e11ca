import { registerApplication } from "../../src/domain/applications.js";
import { registerMember } from "../../src/domain/members.js";
import type { Application, Member } from "../../src/domain/records.js";
import { ACCESS_TOKEN_PREFIX, generateSecret, hashSecret } from "../../src/secrets.js";
import type { Services } from "../../src/services.js";

let counter = 0;

export async function createTestApplication(
  services: Services,
  overrides: Partial<Parameters<typeof registerApplication>[0]> = {},
): Promise<{ application: Application; clientSecret: string }> {
  counter += 1;
  const result = await registerApplication(
    { name: `Test App ${counter}`, redirectUris: ["http://localhost:3000/callback"], ...overrides },
    services,
  );
  return { application: result.application, clientSecret: result.clientSecret! };
}

export async function createTestMember(
  services: Services,
  overrides: Partial<Parameters<typeof registerMember>[0]> = {},
): Promise<Member> {
  counter += 1;
  return registerMember({ firstName: "Member", lastName: String(counter), ...overrides }, services);
}

/**
 * Stores a token directly, as the OAuth flow would, and returns its clear value. For tests
 * that are about something other than obtaining the token.
 */
export async function insertTestToken(
  services: Services,
  input: {
    applicationId: string;
    memberId: string | null;
    scopes?: string[];
    lifetimeMs?: number;
    revoked?: boolean;
  },
): Promise<string> {
  const token = generateSecret(ACCESS_TOKEN_PREFIX);
  const now = services.clock.nowMs();
  await services.store.tokens.insert({
    tokenHash: hashSecret(token),
    applicationId: input.applicationId,
    memberId: input.memberId,
    authType: input.memberId === null ? "2L" : "3L",
    scopes: input.scopes ?? ["r_compliance_sales_nav"],
    authorizedAt: now,
    createdAt: now,
    expiresAt: now + (input.lifetimeMs ?? 365 * 86_400_000),
    revokedAt: input.revoked ? now : null,
    refreshTokenHash: null,
    refreshExpiresAt: null,
  });
  return token;
}
