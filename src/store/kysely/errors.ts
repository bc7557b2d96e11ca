import { AppError } from "../../errors.js";

/** True for a unique or primary-key violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** Runs an insert, turning a duplicate key into a 409 the caller can show. */
export async function insertOrConflict<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `${what} already exists`, { cause: error });
    throw error;
  }
}

/** True for errors after which PostgreSQL asks the transaction to be retried. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}
