import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * Removes a drill run's records from every table that marks them (`drill_run_id`, the column
 * every module puts on a drill's records) and the rows that hang on them by foreign key, so a
 * drill is removed as a whole without the platform knowing any module's tables. Tables whose
 * rows others still point to are retried after those are gone. Returns rows removed per table.
 */
export async function purgeDrillRecords(
  tx: Executor,
  runId: string,
  o: { keep: readonly string[] },
): Promise<Record<string, number>> {
  const tables = (
    await tx.execute<{ table_name: string }>(sql`
      select table_name from information_schema.columns
      where column_name = 'drill_run_id' and table_schema = current_schema()`)
  )
    .map((r) => r.table_name)
    .filter((t) => !o.keep.includes(t) && t !== 'sim_clocks');
  const removed: Record<string, number> = {};
  let pending = [...tables];
  for (let pass = 0; pass < 6 && pending.length > 0; pass++) {
    const next: string[] = [];
    for (const t of pending) {
      await tx.execute(sql`savepoint drill_purge`);
      try {
        // Rows of other tables that point at this table's drill rows go first.
        const children = await tx.execute<{ child: string; col: string; parent_col: string }>(sql`
          select c.conrelid::regclass::text as child, a.attname as col, pa.attname as parent_col
          from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
          where c.contype = 'f' and c.confrelid = ${t}::regclass`);
        for (const ch of children)
          if (!tables.includes(ch.child))
            await tx.execute(
              sql`delete from ${sql.identifier(ch.child)} where ${sql.identifier(ch.col)} in
                (select ${sql.identifier(ch.parent_col)} from ${sql.identifier(t)}
                 where drill_run_id = ${runId})`,
            );
        const rows = await tx.execute(
          sql`delete from ${sql.identifier(t)} where drill_run_id = ${runId}`,
        );
        removed[t] = (removed[t] ?? 0) + rows.count;
        await tx.execute(sql`release savepoint drill_purge`);
      } catch {
        await tx.execute(sql`rollback to savepoint drill_purge`);
        next.push(t);
      }
    }
    pending = next;
  }
  if (pending.length > 0) throw new Error(`drill records left in ${pending.join(', ')}`);
  return removed;
}
