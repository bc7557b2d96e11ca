/**
 * The raw-insert anchor's plan, schema-agnostic: from the rows a Regula capture round wrote
 * (read back with SELECT *), copies with fresh primary keys, grouped into transactions the
 * way Regula grouped them. Only a few column names are assumed (messages.id, messages.thread_id,
 * compliance_events.message_id and owner_member_id, threads.id, thread_participants.thread_id,
 * member_watermarks.member_id); every other column is copied as it is, so a change to the
 * tables' columns on another branch needs no change here.
 */
export type Row = Record<string, unknown>;

export interface TableRows {
  table: string;
  /** Primary key columns, for the ON CONFLICT target of upserts. */
  primaryKey: string[];
  rows: Row[];
}

export interface CopyOp {
  table: string;
  kind: "insert" | "upsert";
  row: Row;
}

export interface CopyPlan {
  /** One list of statements per transaction. */
  transactions: CopyOp[][];
  messages: number;
  inserts: number;
  upserts: number;
}

/** Fresh integer ids are the originals plus this times the copy number: far from Regula's. */
const INT_OFFSET = 1_000_000_000_000n;
/** Integer columns that are allocated ids (renumbered in copies). */
const isIdColumn = (name: string) =>
  name === "id" || name === "seq" || name.endsWith("_seq") || name.endsWith("event_id");

/**
 * Builds the plan. `copy` numbers the copies (1, 2, …) so two anchor runs over the same
 * round never collide. Rows of tables that are updated in place by capture are upserted
 * with their final values: `member_watermarks` once per transaction for the owners of its
 * events, and `threads` that already existed once per transaction that replied in them.
 */
export function planRawCopy(tables: TableRows[], groupSize: number, copy: number): CopyPlan {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const messages = [...(byName.get("messages")?.rows ?? [])].sort(compareSeq);
  const events = byName.get("compliance_events")?.rows ?? [];
  const participants = byName.get("thread_participants")?.rows ?? [];
  const newThreads = new Set(participants.map((p) => String(p.thread_id)));
  const chunkCount = Math.max(1, Math.ceil(messages.length / groupSize));
  const chunkOfMessage = new Map<string, number>();
  const chunkOfThread = new Map<string, number>();
  messages.forEach((m, i) => {
    const chunk = Math.floor(i / groupSize);
    chunkOfMessage.set(String(m.id), chunk);
    if (!chunkOfThread.has(String(m.thread_id))) chunkOfThread.set(String(m.thread_id), chunk);
  });

  const suffix = `~raw${copy}`;
  const textMap = new Map<string, string>();
  for (const id of chunkOfMessage.keys()) textMap.set(id, id + suffix);
  for (const id of newThreads) textMap.set(id, id + suffix);
  const offset = INT_OFFSET * BigInt(copy);
  const renumber = (row: Row): Row => {
    const out: Row = {};
    for (const [column, value] of Object.entries(row)) {
      if (typeof value === "string" && textMap.has(value)) out[column] = textMap.get(value);
      else if (isIdColumn(column) && (typeof value === "bigint" || typeof value === "number"))
        out[column] = BigInt(value) + offset;
      else if (isIdColumn(column) && typeof value === "string" && /^\d+$/.test(value))
        out[column] = String(BigInt(value) + offset);
      else out[column] = value;
    }
    return out;
  };

  const transactions: CopyOp[][] = Array.from({ length: chunkCount }, () => []);
  let inserts = 0;
  let upserts = 0;
  const add = (chunk: number, op: CopyOp) => {
    transactions[Math.min(chunk, chunkCount - 1)]!.push(op);
    if (op.kind === "insert") inserts++;
    else upserts++;
  };
  // Rows no message or thread points at are spread evenly (none today).
  let spread = 0;
  const chunkOf = (row: Row): number => {
    for (const value of Object.values(row)) {
      if (typeof value !== "string") continue;
      const m = chunkOfMessage.get(value) ?? chunkOfThread.get(value);
      if (m !== undefined) return m;
    }
    return spread++ % chunkCount;
  };

  const watermarks = byName.get("member_watermarks");
  const threads = byName.get("threads");
  // Parents before children, as capture inserts them: threads, participants, messages, events.
  const order = (name: string) =>
    ["threads", "thread_participants", "messages", "compliance_events"].indexOf(name) + 1 || 9;
  for (const table of [...tables].sort((a, b) => order(a.table) - order(b.table))) {
    if (table === watermarks) continue;
    for (const row of table.rows) {
      if (table === threads && !newThreads.has(String(row.id))) continue;
      add(chunkOf(row), { table: table.table, kind: "insert", row: renumber(row) });
    }
  }
  if (threads) {
    const existing = new Map(
      threads.rows.filter((t) => !newThreads.has(String(t.id))).map((t) => [String(t.id), t]),
    );
    perChunkKeys(messages, groupSize, "thread_id").forEach((keys, chunk) => {
      for (const key of keys) {
        const row = existing.get(key);
        if (row) add(chunk, { table: "threads", kind: "upsert", row });
      }
    });
  }
  if (watermarks) {
    const rows = new Map(watermarks.rows.map((w) => [String(w.member_id), w]));
    const ownerChunks = new Map<number, Set<string>>();
    for (const e of events) {
      const chunk = chunkOfMessage.get(String(e.message_id)) ?? 0;
      const set = ownerChunks.get(chunk) ?? new Set<string>();
      set.add(String(e.owner_member_id));
      ownerChunks.set(chunk, set);
    }
    for (const [chunk, owners] of ownerChunks) {
      for (const owner of owners) {
        const row = rows.get(owner);
        if (row) add(chunk, { table: "member_watermarks", kind: "upsert", row });
      }
    }
  }
  return { transactions, messages: messages.length, inserts, upserts };
}

function perChunkKeys(rows: Row[], groupSize: number, column: string): Set<string>[] {
  const chunks: Set<string>[] = [];
  rows.forEach((row, i) => {
    const chunk = Math.floor(i / groupSize);
    chunks[chunk] ??= new Set();
    chunks[chunk].add(String(row[column]));
  });
  return chunks;
}

function compareSeq(a: Row, b: Row): number {
  const x = BigInt((a.seq as bigint | number | string | undefined) ?? 0);
  const y = BigInt((b.seq as bigint | number | string | undefined) ?? 0);
  return x < y ? -1 : x > y ? 1 : 0;
}
