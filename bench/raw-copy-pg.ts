import pg from "pg";
import { pgUrl } from "./pg-admin.js";
import type { CopyOp, CopyPlan, Row, TableRows } from "./raw-copy-plan.js";
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

/** PostgreSQL's limit of bind parameters per statement. */
const MAX_PARAMS = 65_535;

/**
 * Runs the plan over `connections` connections (as many as the Regula round had clients;
 * PostgreSQL commits them in parallel), each taking the next transaction: BEGIN, one
 * multi-row prepared INSERT per table and kind (rows of the same columns), COMMIT. Upserts
 * are sorted by key, so concurrent transactions lock shared rows in one order.
 */
export async function applyPlanPg(
  clients: pg.Client[],
  plan: CopyPlan,
  tables: TableRows[],
): Promise<number> {
  const keys = new Map(tables.map((t) => [t.table, t.primaryKey]));
  const names = new Map<string, string>();
  const statement = (table: string, kind: CopyOp["kind"], columns: string[], rows: number) => {
    const id = `${kind} ${table} ${rows} ${columns.join(",")}`;
    const cols = columns.map((c) => `"${c}"`).join(", ");
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${columns.map((_, i) => `$${r * columns.length + i + 1}`).join(", ")})`,
    ).join(", ");
    const target = (keys.get(table) ?? []).map((c) => `"${c}"`).join(", ");
    const update = columns.map((c) => `"${c}" = excluded."${c}"`).join(", ");
    const text =
      kind === "insert"
        ? `insert into "${table}" (${cols}) values ${tuples}`
        : `insert into "${table}" (${cols}) values ${tuples} on conflict (${target}) do update set ${update}`;
    let name = names.get(id);
    if (!name) {
      name = `raw_copy_${names.size}`;
      names.set(id, name);
    }
    return { name, text };
  };
  const runTransaction = async (client: pg.Client, ops: CopyOp[]) => {
    const groups = new Map<string, CopyOp[]>();
    for (const op of ops) {
      const id = `${op.kind} ${op.table} ${Object.keys(op.row).join(",")}`;
      groups.set(id, [...(groups.get(id) ?? []), op]);
    }
    await client.query("begin");
    for (const group of groups.values()) {
      const first = group[0]!;
      const columns = Object.keys(first.row);
      if (first.kind === "upsert")
        group.sort((a, b) => keyOf(a, keys).localeCompare(keyOf(b, keys)));
      const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (let i = 0; i < group.length; i += perStatement) {
        const slice = group.slice(i, i + perStatement);
        const values = slice.flatMap((op) =>
          Object.values(op.row).map((v) => (typeof v === "bigint" ? v.toString() : v)),
        );
        await client.query({
          ...statement(first.table, first.kind, columns, slice.length),
          values,
        });
      }
    }
    await client.query("commit");
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let t = next++; t < plan.transactions.length; t = next++) {
        await runTransaction(client, plan.transactions[t]!);
      }
    }),
  );
  return performance.now() - started;
}

function keyOf(op: CopyOp, keys: Map<string, string[]>): string {
  return (keys.get(op.table) ?? []).map((c) => String(op.row[c])).join("\u0000");
}
