import type { FaultBody } from "../sandbox/faults.js";
import type {
  ApplicationView,
  ClockBody,
  CreateApplicationBody,
  CreateMemberBody,
  MemberView,
  SendMessageBody,
} from "../sandbox/schemas.js";
import type { SeedDocument } from "../sandbox/seed-document.js";

/**
 * A typed client of a running Regula's control plane (`/sandbox`, admin key). Its request
 * types are the server's own route schemas, so a field the server refuses does not compile.
 * Used by the `regula token|message|clock|reset|export|faults` commands and `startRegula()`.
 */

/** A seed as one writes it: every list may be left out (the server fills in defaults). */
export type SeedInput = Partial<SeedDocument>;

/** Inputs as one writes them: fields the server defaults may be left out. */
export type NewApplication = Omit<CreateApplicationBody, "redirectUris"> & {
  redirectUris?: string[];
};
export type NewMember = Omit<CreateMemberBody, "lastName"> & { lastName?: string };

export interface ClockState {
  now: number;
  mode: "system" | "frozen" | "offset";
}

export interface MemberToken {
  access_token: string;
  expires_in: number;
  scope?: string;
  [field: string]: unknown;
}

export interface SentMessage {
  id: string;
  urn: string;
  thread: string;
  createdAt: number;
  capturedFor: unknown;
}

export interface FaultView {
  id: string;
  [field: string]: unknown;
}

export interface ResetResult {
  reset: boolean;
  seeded: {
    applications: Array<{ id: string; clientId: string; clientSecret: string | null }>;
    members: number;
    authorizations: number;
    messages: number;
    events: number;
  } | null;
}

/** The control plane answered an error; `status` and `body` are the server's. */
export class ControlPlaneError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "ControlPlaneError";
  }
}

/** 401 from the control plane: the key sent is not this server's admin key. */
export class AdminKeyRejectedError extends ControlPlaneError {
  constructor(status: number, body: unknown) {
    super("the admin key was refused by the server (wrong key for this server?)", status, body);
    this.name = "AdminKeyRejectedError";
  }
}

/** The server could not be reached at all. */
export class ServerUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    cause: unknown,
  ) {
    super(`no Regula answered at ${baseUrl} (${describeCause(cause)})`, { cause });
    this.name = "ServerUnreachableError";
  }
}

export interface ControlClientOptions {
  baseUrl: string;
  adminKey: string;
  fetch?: typeof fetch;
}

export class ControlClient {
  readonly baseUrl: string;
  readonly #adminKey: string;
  readonly #fetch: typeof fetch;

  constructor(options: ControlClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#adminKey = options.adminKey;
    this.#fetch = options.fetch ?? fetch;
  }

  readonly applications = {
    list: async (): Promise<ApplicationView[]> =>
      ((await this.call("GET", "/sandbox/applications")) as { elements: ApplicationView[] })
        .elements,
    get: (id: string) =>
      this.call("GET", `/sandbox/applications/${enc(id)}`) as Promise<ApplicationView>,
    /** The answer carries the one-time `clientSecret` unless the body fixed one. */
    create: (body: NewApplication) =>
      this.call("POST", "/sandbox/applications", body) as Promise<ApplicationView>,
    remove: async (id: string): Promise<void> => {
      await this.call("DELETE", `/sandbox/applications/${enc(id)}`);
    },
    rotateSecret: (id: string) =>
      this.call("POST", `/sandbox/applications/${enc(id)}/secret`) as Promise<{
        clientSecret: string;
      }>,
  };

  readonly members = {
    list: async (): Promise<MemberView[]> =>
      ((await this.call("GET", "/sandbox/members")) as { elements: MemberView[] }).elements,
    get: (id: string) => this.call("GET", `/sandbox/members/${enc(id)}`) as Promise<MemberView>,
    create: (body: NewMember) => this.call("POST", "/sandbox/members", body) as Promise<MemberView>,
  };

  readonly tokens = {
    /** A member token for an application, as if the member had consented. */
    issue: (member: string, options: { application: string; scopes?: string[] }) =>
      this.call("POST", `/sandbox/members/${enc(member)}/tokens`, options) as Promise<MemberToken>,
  };

  readonly codes = {
    /** An authorization code, exchanged at /oauth/v2/accessToken like any code. */
    issue: (
      member: string,
      options: { application: string; redirectUri: string; scopes?: string[] },
    ) =>
      this.call("POST", `/sandbox/members/${enc(member)}/authorization-codes`, options) as Promise<{
        code: string;
      }>,
  };

  readonly messages = {
    send: (message: SendMessageBody) =>
      this.call("POST", "/sandbox/messages", message) as Promise<SentMessage>,
    sendBatch: async (messages: SendMessageBody[]): Promise<SentMessage[]> =>
      (
        (await this.call("POST", "/sandbox/messages:batch", { messages })) as {
          results: SentMessage[];
        }
      ).results,
  };

  readonly clock = {
    get: () => this.call("GET", "/sandbox/clock") as Promise<ClockState>,
    advance: (ms: number) => this.setClock({ advanceMs: ms }),
    setTo: (epochMs: number) => this.setClock({ setTo: epochMs }),
    freeze: () => this.setClock({ freeze: true }),
    unfreeze: () => this.setClock({ freeze: false }),
  };

  readonly faults = {
    /** Resolves to the new fault's id. */
    add: async (fault: FaultBody): Promise<string> =>
      ((await this.call("POST", "/sandbox/faults", fault)) as { id: string }).id,
    list: async (): Promise<FaultView[]> =>
      ((await this.call("GET", "/sandbox/faults")) as { elements: FaultView[] }).elements,
    remove: async (id: string): Promise<void> => {
      await this.call("DELETE", `/sandbox/faults/${enc(id)}`);
    },
    /** Removes every fault; resolves to how many there were. */
    clear: async (): Promise<number> => {
      const all = await this.faults.list();
      for (const fault of all) await this.faults.remove(fault.id);
      return all.length;
    },
  };

  /** Replaces the world with `seed`, or with the server's start-up seed when none is given. */
  reset(seed?: SeedInput): Promise<ResetResult> {
    return this.call(
      "POST",
      "/sandbox/reset",
      seed === undefined ? undefined : { seed },
    ) as Promise<ResetResult>;
  }

  /** The whole world as a seed document (import it again with `import`). */
  export(): Promise<SeedDocument> {
    return this.call("GET", "/sandbox/export") as Promise<SeedDocument>;
  }

  /** The export as the server streamed it, for writing to a file unchanged. */
  async exportText(): Promise<string> {
    return (await this.send("GET", "/sandbox/export")).text();
  }

  import(world: SeedInput): Promise<ResetResult> {
    return this.call("POST", "/sandbox/import", world) as Promise<ResetResult>;
  }

  private setClock(body: ClockBody): Promise<ClockState> {
    return this.call("POST", "/sandbox/clock", body) as Promise<ClockState>;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const text = await (await this.send(method, path, body)).text();
    return text === "" ? null : JSON.parse(text);
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#adminKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ServerUnreachableError(this.baseUrl, error);
    }
    if (response.ok) return response;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's page, say): keep the text.
    }
    if (response.status === 401) throw new AdminKeyRejectedError(response.status, parsed);
    const detail =
      typeof parsed === "object" && parsed !== null && "message" in parsed
        ? String((parsed as { message: unknown }).message)
        : text.slice(0, 300);
    throw new ControlPlaneError(
      `${method} ${path} answered ${response.status}: ${detail}`,
      response.status,
      parsed,
    );
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
  return inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : String(cause));
}
