import { DEFAULT_VERSION_MONTH } from "../restli/default-version.js";
import {
  AccessDeniedError,
  TokenRejectedError,
  UnexpectedResponseError,
} from "./archiver-errors.js";
import { type ComplianceEvent, isComplianceEvent } from "./compliance-event.js";
import { type HttpAnswer, requestWithRetry, type TransportDeps } from "./http-transport.js";

/** What introspection says about a member token, as far as the archiver cares. */
export type TokenCheck =
  | { kind: "active"; expiresAtMs: number }
  | { kind: "inactive"; status: string }
  | { kind: "unavailable"; reason: string; clientRejected?: boolean };

/** What the Compliance Management API says of the member's authorization (spec §4). */
export type AuthorizationCheck =
  | { kind: "opted-in"; regulatedAtMs: number }
  | { kind: "not-opted-in" }
  | { kind: "unknown" };

/**
 * The public endpoints the archiver calls, exactly as any customer of the API would:
 * `GET /rest/complianceEvents` with a member token, and `POST /oauth/v2/introspectToken`
 * with the application's client credentials.
 */
export class ComplianceApi {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly transport: TransportDeps,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** One page of `q=memberAndApplication`, events from `startTimeMs` (inclusive). */
  async fetchEventsPage(
    token: string,
    query: { startTimeMs: number; start: number; count: number },
  ): Promise<ComplianceEvent[]> {
    const params = new URLSearchParams({
      q: "memberAndApplication",
      startTime: String(query.startTimeMs),
      count: String(query.count),
    });
    if (query.start > 0) params.set("start", String(query.start));
    const answer = await requestWithRetry(
      this.transport,
      `${this.baseUrl}/rest/complianceEvents?${params}`,
      {
        method: "GET",
        headers: {
          Authorization: `Bearer ${token}`,
          "LinkedIn-Version": DEFAULT_VERSION_MONTH,
          "X-RestLi-Protocol-Version": "2.0.0",
        },
      },
    );
    if (answer.status === 401) throw new TokenRejectedError(errorField(answer, "code") ?? "401");
    if (answer.status === 403) throw new AccessDeniedError(errorField(answer, "message") ?? "403");
    if (answer.status !== 200) throw unexpected(answer);
    const elements = parseJson(answer)?.elements;
    if (!Array.isArray(elements) || !elements.every(isComplianceEvent)) {
      throw new UnexpectedResponseError("complianceEvents answered 200 without an events page");
    }
    return elements;
  }

  /**
   * `GET /rest/memberComplianceAuthorizations` with the member token: the open authorization
   * of the token's member for this application, or none. Anything else is `unknown`: the
   * status is context for the capture window, never a reason to stop archiving.
   */
  async fetchAuthorizationStatus(token: string): Promise<AuthorizationCheck> {
    // One attempt, never a wait: under throttling the budget belongs to the Events API.
    const once = { ...this.transport, policy: { ...this.transport.policy, maxAttempts: 1 } };
    const answer = await requestWithRetry(
      once,
      `${this.baseUrl}/rest/memberComplianceAuthorizations`,
      {
        method: "GET",
        headers: {
          Authorization: `Bearer ${token}`,
          "LinkedIn-Version": DEFAULT_VERSION_MONTH,
          "X-RestLi-Protocol-Version": "2.0.0",
        },
      },
    );
    const elements = answer.status === 200 ? parseJson(answer)?.elements : undefined;
    if (!Array.isArray(elements)) return { kind: "unknown" };
    const open = elements.find(
      (e): e is { regulatedAt: number } =>
        typeof e === "object" && e !== null && typeof e.regulatedAt === "number",
    );
    return open ? { kind: "opted-in", regulatedAtMs: open.regulatedAt } : { kind: "not-opted-in" };
  }

  /** Asks the server whether `token` is an active token of this application, and until when. */
  async introspectToken(
    client: { clientId: string; clientSecret: string },
    token: string,
  ): Promise<TokenCheck> {
    const answer = await requestWithRetry(
      this.transport,
      `${this.baseUrl}/oauth/v2/introspectToken`,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: client.clientId,
          client_secret: client.clientSecret,
          token,
        }).toString(),
      },
    );
    if (answer.status !== 200) {
      const detail = errorField(answer, "error_description") ?? errorField(answer, "error");
      return {
        kind: "unavailable",
        reason: `introspection answered ${answer.status}${detail ? ` (${detail})` : ""}: check clientId and clientSecret`,
        // 401: the server refused this application's credentials, a configuration error.
        clientRejected: answer.status === 401,
      };
    }
    const body = parseJson(answer);
    if (body?.active === true && typeof body.expires_at === "number") {
      return { kind: "active", expiresAtMs: body.expires_at * 1000 };
    }
    if (body?.active === false) {
      const status = typeof body.status === "string" ? body.status : "unknown to this application";
      return { kind: "inactive", status };
    }
    return { kind: "unavailable", reason: "introspection answered 200 without a token status" };
  }
}

function parseJson(answer: HttpAnswer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(answer.body);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function errorField(answer: HttpAnswer, field: string): string | null {
  const value = parseJson(answer)?.[field];
  return typeof value === "string" ? value : null;
}

function unexpected(answer: HttpAnswer): UnexpectedResponseError {
  const message = errorField(answer, "message") ?? answer.body.slice(0, 200);
  return new UnexpectedResponseError(`complianceEvents answered ${answer.status}: ${message}`);
}
