/**
 * Why archiving one member stopped. Each is local to that member: the run reports it and goes
 * on with the others. `needsReauthorization` marks the ones only the member can fix.
 */
export class ArchiverError extends Error {
  readonly needsReauthorization: boolean = false;
}

/** 401: the token expired, was revoked (member removed the app) or is unknown. */
export class TokenRejectedError extends ArchiverError {
  override readonly needsReauthorization = true;
  constructor(readonly code: string) {
    super(
      `the member's token was rejected (${code}); the member must authorize the application again`,
    );
  }
}

/** Introspection says the token is not an active token of this application. */
export class TokenInactiveError extends ArchiverError {
  override readonly needsReauthorization = true;
  constructor(status: string) {
    super(
      `introspection reports the token ${status}; the member must authorize the application again`,
    );
  }
}

/** 403: the token lacks r_compliance_sales_nav, or is an application token. */
export class AccessDeniedError extends ArchiverError {
  override readonly needsReauthorization = true;
  constructor(message: string) {
    super(`access denied (${message}); the member must grant r_compliance_sales_nav again`);
  }
}

/** The events belong to someone else: the token in the members file is another member's. */
export class MemberMismatchError extends ArchiverError {
  constructor(expected: string, actual: string) {
    super(`the token returns events of ${actual}, not ${expected}: check the members file`);
  }
}

/** 429 with a Retry-After longer than the archiver is willing to wait in one run. */
export class ThrottledError extends ArchiverError {
  constructor(readonly retryAfterMs: number) {
    super(`throttled by the server for ${Math.ceil(retryAfterMs / 1000)}s; will retry next run`);
  }
}

/** 5xx, 429 or network failures on every attempt. */
export class RetriesExhaustedError extends ArchiverError {
  constructor(attempts: number, lastFailure: string) {
    super(`gave up after ${attempts} attempts (last: ${lastFailure})`);
  }
}

/**
 * Every attempt failed before any answer (connection refused, DNS, timeout): the server
 * itself is down, so the rest of the pass would fail the same way.
 */
export class ServerUnreachableError extends RetriesExhaustedError {
  constructor(attempts: number, lastFailure: string, origin: string) {
    super(attempts, lastFailure);
    this.message = `no answer from ${origin} after ${attempts} attempts (last: ${lastFailure}); is the server running there?`;
  }
}

/** Any other answer the archiver cannot use (4xx, a body that is not an events page). */
export class UnexpectedResponseError extends ArchiverError {}

/** The member's archive on disk does not hold together; nothing is appended to it. */
export class ArchiveCorruptError extends ArchiverError {
  constructor(file: string, line: number | null, problem: string) {
    super(
      `archive corrupt at ${file}${line === null ? "" : `:${line}`}: ${problem}; run "archive verify"`,
    );
  }
}
