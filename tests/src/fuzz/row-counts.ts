import type { Sql } from '../../../backend/src/platform/db/client.ts';

/**
 * Rows a refusal writes by design, and why. Anything else a rejected input changes is a write
 * from rejected input. Kept short on purpose: each entry is a security record, not a loophole.
 */
export const REFUSAL_RECORDS: readonly { table: string; rows: string; why: string }[] = [
  {
    table: 'audit_log',
    rows: "outcome in ('denied', 'failed')",
    why: 'failed sign-ins, throttled attempts and wrong current passwords are audited (denied, failed)',
  },
  {
    table: 'login_throttle',
    rows: 'true',
    why: 'failed sign-ins are counted per account and address to slow down guessing',
  },
];

export type Counts = Map<string, number>;

export interface RowCounter {
  /** Every table of the database (the outbox and audit log among them), less refusal records. */
  snapshot(): Promise<Counts>;
  tables: readonly string[];
}

/** Counts rows in every base table of every schema but the system's and drizzle's own. */
export async function createRowCounter(sql: Sql): Promise<RowCounter> {
  const rows = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema', 'drizzle')
    order by 1, 2`;
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const parts = rows.map(({ schema, name }) => {
    const refusal = schema === 'public' ? REFUSAL_RECORDS.find((r) => r.table === name) : undefined;
    const count = refusal ? `count(*) filter (where not (${refusal.rows}))` : 'count(*)';
    const label = `${schema}.${name}`.replace(/'/g, "''");
    return `select '${label}' as t, ${count}::bigint as n from ${ident(schema)}.${ident(name)}`;
  });
  const query = parts.join(' union all ');
  const tables = rows.map((r) => `${r.schema}.${r.name}`);
  return {
    tables,
    async snapshot() {
      const got = await sql.unsafe<{ t: string; n: string }[]>(query);
      return new Map(got.map((r) => [r.t, Number(r.n)]));
    },
  };
}

/** Tables whose row count differs, as `table: before → after`. */
export function changedTables(before: Counts, after: Counts): string[] {
  const out: string[] = [];
  for (const [t, n] of after) {
    const was = before.get(t) ?? 0;
    if (was !== n) out.push(`${t}: ${was} → ${n}`);
  }
  return out;
}
