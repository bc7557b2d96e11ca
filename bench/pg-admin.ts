import pg from "pg";

/** The local PostgreSQL the tests use (trust auth); BENCH_PG_URL overrides it. */
const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function pgUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on a fresh connection to `database` (default: the admin database). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  database?: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: database ? pgUrl(database) : ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function databaseExists(database: string): Promise<boolean> {
  const rows = await adminQuery("select 1 from pg_database where datname = $1", [database]);
  return rows.length > 0;
}
