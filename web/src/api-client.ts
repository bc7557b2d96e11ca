/**
 * Calls to the control plane (`/sandbox`) with the admin key kept in sessionStorage: it lives
 * as long as the tab, never in a cookie, and every call sends it as a bearer token.
 */

const KEY_STORAGE = "regula.adminKey";

export function readAdminKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function saveAdminKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function clearAdminKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** An error answered by the API (`{status, code, message}`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    /** Field-level problems from LinkedIn-style validation errors (`errorDetails.inputErrors`). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the server refuses the key, so the app can ask for it again. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface ApiRequest {
  method?: "GET" | "POST" | "DELETE";
  body?: unknown;
  /** A key to try instead of the stored one (sign-in). */
  key?: string;
  signal?: AbortSignal;
}

export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const key = request.key ?? readAdminKey();
  const headers: Record<string, string> = { accept: "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method ?? "GET",
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK_ERROR", "The server could not be reached. Is it running?");
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    const error = toApiError(response.status, body);
    if (response.status === 401 && request.key === undefined) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  return body as T;
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface ErrorBody {
  status?: number;
  code?: string;
  message?: string;
  errorDetails?: {
    inputErrors?: Array<{ description?: string; input?: { inputPath?: { fieldPath?: string } } }>;
  };
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body ?? {}) as ErrorBody;
  const details = (error.errorDetails?.inputErrors ?? []).map((input) => {
    const field = input.input?.inputPath?.fieldPath;
    return field ? `${field}: ${input.description ?? "invalid"}` : (input.description ?? "invalid");
  });
  return new ApiError(
    status,
    error.code,
    error.message ?? `The server answered ${status} without an explanation`,
    details,
  );
}

/** The id inside a `urn:li:{type}:{id}` value. */
export function urnId(urn: string): string {
  return urn.split(":").slice(3).join(":");
}
