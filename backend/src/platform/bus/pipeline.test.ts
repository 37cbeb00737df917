import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { createEffectsTable, effectConsumer, effectCounts } from '../../testing/effects.ts';
import { waitFor } from '../../testing/processes.ts';

/**
 * The backbone end to end: two backend instances (two relays, consumers sharing one durable)
 * on one database and one namespace, many concurrent writers.
 */
describe('outbox → JetStream → consumers', () => {
  let env: TestEnv;
  let a: Muster;
  let b: Muster;

  beforeAll(async () => {
    env = await createTestEnv();
    a = await startMuster(env.config({ INSTANCE_ID: 'a' }), {
      extraConsumers: [effectConsumer('counter')],
    });
    await createEffectsTable(a.database.db);
    b = await startMuster(env.config({ INSTANCE_ID: 'b' }), {
      extraConsumers: [effectConsumer('counter')],
    });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await env?.cleanup();
  });

  it('applies 10,000 events from concurrent transactions exactly once; a rolled-back transaction emits nothing', async () => {
    const writers = 20;
    const txPerWriter = 50;
    const perTx = 10;
    const rolledBack: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const m = w % 2 === 0 ? a : b;
        for (let t = 0; t < txPerWriter; t++) {
          await m.database.db.transaction(async (tx) => {
            await m.outbox.append(
              tx,
              Array.from({ length: perTx }, (_, i) => ({
                type: 'system.probe.sent' as const,
                actor: 'system',
                data: { seq: (w * txPerWriter + t) * perTx + i, sentAt: new Date().toISOString() },
              })),
            );
          });
          if (t % 10 === 0) {
            await m.database.db
              .transaction(async (tx) => {
                const evs = await m.outbox.append(tx, [
                  {
                    type: 'system.probe.sent',
                    actor: 'system',
                    data: { seq: 999_999, sentAt: new Date().toISOString(), note: 'rolled back' },
                  },
                ]);
                rolledBack.push(...evs.map((e) => e.id));
                throw new Error('the state change failed');
              })
              .catch(() => undefined);
          }
        }
      }),
    );
    const total = writers * txPerWriter * perTx;
    expect(total).toBe(10_000);
    expect(rolledBack.length).toBe(writers * 5);

    await waitFor(
      'every event applied',
      async () => (await effectCounts(a.database.db, 'counter')).rows >= total,
      120_000,
      250,
    );
    // Give a late duplicate the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const counts = await effectCounts(a.database.db, 'counter');
    expect(counts).toEqual({ rows: total, distinct: total });

    const leaked = await a.database
      .sql`select count(*)::int as n from test_effects where event_id = any(${rolledBack}::uuid[])`;
    expect(leaked[0]?.n).toBe(0);
    const outbox = await a.database.db.execute<{ unsent: number; all: number }>(
      sql`select count(*) filter (where sent_at is null)::int as unsent, count(*) filter (where type = 'system.probe.sent')::int as all from outbox`,
    );
    expect(outbox[0]).toEqual({ unsent: 0, all: total });
    // The platform's own probe consumer saw each exactly once too.
    const receipts = await a.database
      .sql`select count(*)::int as rows, count(distinct event_id)::int as distinct from probe_receipts`;
    expect(receipts[0]).toEqual({ rows: total, distinct: total });

    const status = await a.consumers.status();
    expect(status.every((s) => s.pending === 0)).toBe(true);
  });
});
