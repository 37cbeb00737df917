import { sql } from 'drizzle-orm';
import type { AppRegistry } from '@muster/contracts';
import type { ConsumerDefinition } from '../platform/bus/consumer.ts';
import type { Executor } from '../platform/db/client.ts';

/**
 * A table a test consumer writes one row into per application, deliberately without a unique
 * key: an event applied twice shows as two rows.
 */
export async function createEffectsTable(db: Executor): Promise<void> {
  await db.execute(sql`create table if not exists test_effects (
    id bigserial primary key, consumer text not null, event_id uuid not null, note text)`);
}

/**
 * A consumer of probe events that records each application; it throws for a probe whose note
 * is `poison` so tests can watch retries and dead-lettering.
 */
export function effectConsumer(name: string): ConsumerDefinition<AppRegistry, 'system.probe.sent'> {
  return {
    module: 'test',
    name,
    types: ['system.probe.sent'],
    handle(event, tx) {
      return this.handleBatch!([event], tx);
    },
    async handleBatch(events, tx) {
      const poison = events.find((e) => e.data.note === 'poison');
      if (poison) throw new Error(`poison probe ${poison.data.seq} refused`);
      await tx.execute(sql`
        insert into test_effects (consumer, event_id, note)
        select ${name}, unnest(${sql.param(events.map((e) => e.id))}::uuid[]),
               unnest(${sql.param(events.map((e) => e.data.note ?? null))}::text[])`);
    },
  };
}

export async function effectCounts(
  db: Executor,
  consumer: string,
): Promise<{ rows: number; distinct: number }> {
  const r = await db.execute<{ rows: string; distinct: string }>(
    sql`select count(*) as rows, count(distinct event_id) as distinct from test_effects where consumer = ${consumer}`,
  );
  return { rows: Number(r[0]?.rows ?? 0), distinct: Number(r[0]?.distinct ?? 0) };
}
