import { AppError } from "../errors.js";

/** The API version of a `/rest` call: the month it names, also as LinkedIn prints it. */
export interface ApiVersion {
  /** `YYYYMM`, e.g. `202310`. */
  month: string;
  /** `YYYYMM01`, e.g. `20231001`: the form LinkedIn prints in error messages. */
  monthDate: string;
}

// YYYYMM, then either a revision (.RR) or a day (DD), or nothing.
const VERSION_PATTERN = /^(\d{4}(?:0[1-9]|1[0-2]))(?:\.\d{2}|0[1-9]|[12]\d|3[01])?$/;
const MONTH_PATTERN = /^\d{4}(?:0[1-9]|1[0-2])$/;

/**
 * Reads `LinkedIn-Version` (`YYYYMM`, `YYYYMM.RR` or `YYYYMMDD`, all meaning that month) and
 * checks the month is active (https://learn.microsoft.com/en-us/linkedin/marketing/versioning).
 */
export function parseApiVersion(
  header: string | undefined,
  activeMonths: ReadonlySet<string>,
): ApiVersion {
  const value = typeof header === "string" ? header.trim() : "";
  if (value === "") {
    throw new AppError(
      "VERSION_MISSING",
      "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
    );
  }
  const match = VERSION_PATTERN.exec(value);
  if (!match) {
    throw new AppError(
      "VERSION_MALFORMED",
      `The LinkedIn-Version header must be YYYYMM, YYYYMM.RR or YYYYMMDD (for example 202310); got ${echo(value)}`,
    );
  }
  const month = match[1]!;
  const monthDate = `${month}01`;
  if (!activeMonths.has(month)) {
    throw new AppError("NONEXISTENT_VERSION", `Requested version ${monthDate} is not active`);
  }
  return { month, monthDate };
}

/**
 * Parses `REGULA_API_VERSIONS`: comma-separated `YYYYMM` months, at least one; a plain Error
 * otherwise, since this is start-up configuration, not a request.
 */
export function parseActiveVersions(csv: string): Set<string> {
  const months = new Set<string>();
  for (const entry of csv.split(",")) {
    const month = entry.trim();
    if (!MONTH_PATTERN.test(month)) {
      throw new Error(
        `REGULA_API_VERSIONS must be comma-separated YYYYMM months (e.g. 202310,202311); got ${JSON.stringify(entry)}`,
      );
    }
    months.add(month);
  }
  return months;
}

/** The header value quoted for an error message, cut short so a huge header stays out of it. */
function echo(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
