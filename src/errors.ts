/**
 * The catalogue of every error the LinkedIn-compatible API and the control plane can return.
 * Each code has one HTTP status and, where LinkedIn publishes one, a serviceErrorCode.
 * `docs/errors.md` lists the same catalogue; a test keeps the two in sync.
 */
export const errorCatalogue = {
  VERSION_MISSING: { status: 400 },
  VERSION_MALFORMED: { status: 400 },
  NONEXISTENT_VERSION: { status: 426 },
  EMPTY_ACCESS_TOKEN: { status: 401, serviceErrorCode: 65604 },
  INVALID_ACCESS_TOKEN: { status: 401, serviceErrorCode: 65600 },
  REVOKED_ACCESS_TOKEN: { status: 401, serviceErrorCode: 65601 },
  EXPIRED_ACCESS_TOKEN: { status: 401, serviceErrorCode: 65602 },
  ADMIN_KEY_REQUIRED: { status: 401 },
  ACCESS_DENIED: { status: 403, serviceErrorCode: 100 },
  RESOURCE_NOT_FOUND: { status: 404 },
  NOT_FOUND: { status: 404 },
  METHOD_NOT_ALLOWED: { status: 405 },
  PARAM_INVALID: { status: 400 },
  INVALID_KEY: { status: 400 },
  INVALID_BODY: { status: 400 },
  MALFORMED_JSON: { status: 400 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  URI_TOO_LONG: { status: 414 },
  EXPECTATION_FAILED: { status: 417 },
  HEADERS_TOO_LARGE: { status: 431 },
  MALFORMED_REQUEST: { status: 400 },
  REQUEST_TIMEOUT: { status: 408 },
  CONFLICT: { status: 409 },
  THROTTLED: { status: 429, serviceErrorCode: 101 },
  TOO_MANY_AUTH_FAILURES: { status: 429, serviceErrorCode: 101 },
  INTERNAL_ERROR: { status: 500 },
  SERVICE_UNAVAILABLE: { status: 503 },
} as const satisfies Record<string, { status: number; serviceErrorCode?: number }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One field-level problem, rendered in LinkedIn's `errorDetails.inputErrors` form. */
export interface InputError {
  description: string;
  fieldPath: string;
  code?:
    | "PARAM_INVALID"
    | "FIELD_VALUE_TOO_LOW"
    | "FIELD_VALUE_TOO_HIGH"
    | "REQUIRED_FIELD_MISSING";
}

/**
 * An error meant for the client. `message` is always safe to show; internal causes
 * stay in `cause` and are logged, never sent.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly serviceErrorCode: number | undefined;
  readonly inputErrors: readonly InputError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { inputErrors?: InputError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    const entry: { status: number; serviceErrorCode?: number } = errorCatalogue[code];
    this.status = entry.status;
    this.serviceErrorCode = entry.serviceErrorCode;
    this.inputErrors = options.inputErrors;
    this.headers = options.headers ?? {};
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** LinkedIn's validation error: one or more bad parameters, 400 with `errorDetails`. */
export function invalidParams(inputErrors: InputError[]): AppError {
  return new AppError(
    "PARAM_INVALID",
    "Invalid param. Please see errorDetails for more information.",
    {
      inputErrors,
    },
  );
}

export function invalidParam(fieldPath: string, description: string): AppError {
  return invalidParams([{ fieldPath, description, code: "PARAM_INVALID" }]);
}

export function notFound(message = "Not found"): AppError {
  return new AppError("NOT_FOUND", message);
}

export function resourceNotFound(): AppError {
  return new AppError("RESOURCE_NOT_FOUND", "No virtual resource found");
}

export function accessDenied(resource: string, method: string, versionMonth: string): AppError {
  return new AppError(
    "ACCESS_DENIED",
    `Not enough permissions to access: ${resource}.${method}.${versionMonth}`,
  );
}

export function badBody(message: string): AppError {
  return new AppError("INVALID_BODY", message);
}
