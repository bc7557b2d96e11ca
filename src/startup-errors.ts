/**
 * Start-up failures said in terms of the setting a person changes: which variable, which
 * host and port. Never echoes a password from DATABASE_URL.
 */

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "EAI_AGAIN",
]);

/** An error of opening the PostgreSQL store, naming DATABASE_URL's host, port and database. */
export function databaseUrlError(databaseUrl: string, error: unknown): Error {
  let where = "the server in DATABASE_URL";
  try {
    const url = new URL(databaseUrl);
    where = `${url.hostname || "localhost"}:${url.port || "5432"}${url.pathname.length > 1 ? ` (database ${decodeURIComponent(url.pathname.slice(1))})` : ""}`;
  } catch {
    // Not a URL: the configuration check already refused anything but postgres://…
  }
  const code = errorCode(error);
  const reason =
    code && UNREACHABLE.has(code) ? `cannot reach PostgreSQL (${code})` : message(error);
  return new Error(
    `DATABASE_URL: ${reason} at ${where}; check the variable and that PostgreSQL runs there`,
    {
      cause: error,
    },
  );
}

/** An error of listening, naming the port and the variable that sets it. */
export function listenError(host: string, port: number, error: unknown): Error {
  const code = errorCode(error);
  if (code === "EADDRINUSE") {
    return new Error(
      `port ${port} on ${host} is already in use: set PORT (or --port) to a free port, or PORT=0 for any free one`,
      { cause: error },
    );
  }
  if (code === "EACCES") {
    return new Error(
      `port ${port} on ${host} needs privileges this process lacks: set PORT above 1023`,
      {
        cause: error,
      },
    );
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new Error(`HOST ${host} is not an address of this machine (${code}): set HOST`, {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function errorCode(error: unknown): string | undefined {
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === "string") return direct;
  // pg reports an unreachable server as an AggregateError of one error per address tried.
  const inner = (error as { errors?: unknown[] }).errors?.[0] as { code?: unknown } | undefined;
  return typeof inner?.code === "string" ? inner.code : undefined;
}

function message(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
