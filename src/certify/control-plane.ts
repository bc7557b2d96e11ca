import { DEFAULT_VERSION_MONTH } from "../restli/default-version.js";
import type { ObservedRequest } from "../sandbox/served-tracker.js";

/** An application the certify world created, with its one-time secret. */
export interface WorldApplication {
  id: string;
  urn: string;
  clientId: string;
  clientSecret: string;
}

export interface WorldMember {
  id: string;
  urn: string;
}

export interface CoverageEvent {
  id: number;
  processedAt: number;
  firstServedAt: number | null;
}

export interface MessageInput {
  from: string;
  to: string[];
  text: string;
}

export class ControlPlaneError extends Error {}

/**
 * The certify world's only way in: the sandbox control plane (admin key) plus the public
 * `/rest` calls a member's consent makes. Works the same against an in-process world and a
 * running server (`--base-url`).
 */
export class ControlPlane {
  constructor(
    readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  async reset(): Promise<void> {
    await this.admin("POST", "/sandbox/reset", { seed: {} });
  }

  async clock(): Promise<{ now: number; mode: string }> {
    return (await this.admin("GET", "/sandbox/clock")) as { now: number; mode: string };
  }

  async setClock(body: Record<string, unknown>): Promise<{ now: number; mode: string }> {
    return (await this.admin("POST", "/sandbox/clock", body)) as { now: number; mode: string };
  }

  async createApplication(name: string): Promise<WorldApplication> {
    return (await this.admin("POST", "/sandbox/applications", {
      name,
      redirectUris: ["http://127.0.0.1/callback"],
    })) as WorldApplication;
  }

  async createMember(firstName: string, lastName: string): Promise<WorldMember> {
    return (await this.admin("POST", "/sandbox/members", { firstName, lastName })) as WorldMember;
  }

  async issueToken(
    memberId: string,
    applicationId: string,
  ): Promise<{ access_token: string; expires_in: number }> {
    return (await this.admin("POST", `/sandbox/members/${memberId}/tokens`, {
      application: applicationId,
    })) as { access_token: string; expires_in: number };
  }

  /** The member opts in through the public API, with their own token. */
  async optIn(token: string): Promise<void> {
    await this.call("POST", "/rest/memberComplianceAuthorizations", token, {});
  }

  async optOut(token: string, applicationUrn: string, memberUrn: string): Promise<void> {
    const key = `(developerApplication:${encodeURIComponent(applicationUrn)},member:${encodeURIComponent(memberUrn)})`;
    await this.call("DELETE", `/rest/memberComplianceAuthorizations/${key}`, token);
  }

  async removeApplication(memberId: string, applicationId: string): Promise<void> {
    await this.admin(
      "DELETE",
      `/sandbox/members/${memberId}/permitted-applications/${applicationId}`,
    );
  }

  async sendBatch(messages: readonly MessageInput[], baseUrl = this.baseUrl): Promise<void> {
    for (let i = 0; i < messages.length; i += 1000) {
      await this.admin(
        "POST",
        "/sandbox/messages:batch",
        { messages: messages.slice(i, i + 1000) },
        baseUrl,
      );
    }
  }

  async send(message: MessageInput, baseUrl = this.baseUrl): Promise<void> {
    await this.admin("POST", "/sandbox/messages", message, baseUrl);
  }

  async addFault(spec: Record<string, unknown>): Promise<string> {
    return ((await this.admin("POST", "/sandbox/faults", spec)) as { id: string }).id;
  }

  async clearFaults(): Promise<void> {
    const { elements } = (await this.admin("GET", "/sandbox/faults")) as {
      elements?: Array<{ id: string }>;
    };
    for (const fault of elements ?? []) await this.admin("DELETE", `/sandbox/faults/${fault.id}`);
  }

  async coverageEvents(applicationId: string): Promise<{
    now: number;
    members: Array<{ member: string; events: CoverageEvent[] }>;
  }> {
    return (await this.admin(
      "GET",
      `/sandbox/coverage?application=${applicationId}&events=true`,
    )) as { now: number; members: Array<{ member: string; events: CoverageEvent[] }> };
  }

  async requestsAfter(seq: number): Promise<ObservedRequest[]> {
    const all: ObservedRequest[] = [];
    let after = seq;
    for (;;) {
      const { elements } = (await this.admin(
        "GET",
        `/sandbox/coverage/requests?after=${after}&limit=5000`,
      )) as { elements: ObservedRequest[] };
      all.push(...elements);
      if (elements.length < 5000) return all;
      after = elements.at(-1)?.seq ?? after;
    }
  }

  private admin(method: string, path: string, body?: unknown, baseUrl = this.baseUrl) {
    return this.request(baseUrl, method, path, `Bearer ${this.adminKey}`, body, {});
  }

  private call(method: string, path: string, token: string, body?: unknown) {
    return this.request(this.baseUrl, method, path, `Bearer ${token}`, body, {
      "LinkedIn-Version": DEFAULT_VERSION_MONTH,
      "X-Restli-Protocol-Version": "2.0.0",
    });
  }

  private async request(
    baseUrl: string,
    method: string,
    path: string,
    authorization: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<unknown> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        ...headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ControlPlaneError(
        `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
      );
    }
    return text === "" ? null : JSON.parse(text);
  }
}
