import pg from "pg";
import { pgUrl } from "./pg-admin.js";
import type { CopyPlan, Row, TableRows } from "./raw-copy-plan.js";
import { SKIPPED_TABLES } from "./raw-copy-sqlite.js";

/**
 * PostgreSQL marks a round by transaction id: every row inserted or updated later has a
 * larger xmin (32-bit; a wraparound inside one bench run is not a concern).
 */
export async function pgMarker(database: string): Promise<number> {
  const client = await connect(database);
  try {
    const rows = (await client.query("select (txid_current() % 4294967296)::text as x")).rows;
    return Number((rows[0] as { x: string }).x);
  } finally {
    await client.end();
  }
}

export async function connect(database: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: pgUrl(database) });
  await client.connect();
  await client.query("set synchronous_commit = on");
  return client;
}

/** Tables capture updates in place: an anchor's upserts of them must not hide the round's rows. */
const UPDATED_IN_PLACE = new Set(["threads", "member_watermarks"]);

/**
 * Every user table's rows a round inserted or updated (xmin between the markers; for the
 * tables updated in place, any xmin above the first, since an earlier anchor may have
 * upserted the same rows again).
 */
export async function readRoundRowsPg(
  client: pg.Client,
  marker: number,
  until: number,
): Promise<TableRows[]> {
  const tables = (
    await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    )
  ).rows.map((r) => r.name);
  const out: TableRows[] = [];
  for (const table of tables.filter((t) => !SKIPPED_TABLES.has(t))) {
    const primaryKey = (
      await client.query<{ column: string }>(
        `select a.attname as column from pg_index i
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = $1::regclass and i.indisprimary`,
        [`"${table}"`],
      )
    ).rows.map((r) => r.column);
    const rows = (
      await client.query<Row>(
        `select * from "${table}" where xmin::text::bigint > $1 and xmin::text::bigint <= $2`,
        [marker, UPDATED_IN_PLACE.has(table) ? Number.MAX_SAFE_INTEGER : until],
      )
    ).rows;
    out.push({ table, primaryKey, rows });
  }
  return out;
}

/** Runs the plan: BEGIN … COMMIT per group, each statement a named (prepared) query. */
export async function applyPlanPg(
  client: pg.Client,
  plan: CopyPlan,
  tables: TableRows[],
): Promise<number> {
  const keys = new Map(tables.map((t) => [t.table, t.primaryKey]));
  const names = new Map<string, string>();
  const textFor = (table: string, kind: "insert" | "upsert", columns: string[]) => {
    const id = `${kind} ${table} ${columns.join(",")}`;
    let name = names.get(id);
    const cols = columns.map((c) => `"${c}"`).join(", ");
    const values = columns.map((_, i) => `$${i + 1}`).join(", ");
    const target = (keys.get(table) ?? []).map((c) => `"${c}"`).join(", ");
    const update = columns.map((c) => `"${c}" = excluded."${c}"`).join(", ");
    const text =
      kind === "insert"
        ? `insert into "${table}" (${cols}) values (${values})`
        : `insert into "${table}" (${cols}) values (${values}) on conflict (${target}) do update set ${update}`;
    if (!name) {
      name = `raw_copy_${names.size}`;
      names.set(id, name);
    }
    return { name, text };
  };
  const started = performance.now();
  for (const ops of plan.transactions) {
    await client.query("begin");
    for (const op of ops) {
      const columns = Object.keys(op.row);
      const values = Object.values(op.row).map((v) => (typeof v === "bigint" ? v.toString() : v));
      await client.query({ ...textFor(op.table, op.kind, columns), values });
    }
    await client.query("commit");
  }
  return performance.now() - started;
}
