import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRegistry } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { waitFor } from '../../testing/processes.ts';
import type { ConsumerDefinition } from './consumer.ts';

describe('batched application', () => {
  let env: TestEnv;
  let m: Muster;
  const batches: number[] = [];
  const singles: string[] = [];
  const recorder: ConsumerDefinition<AppRegistry, 'system.probe.sent'> = {
    module: 'test',
    name: 'batch-recorder',
    types: ['system.probe.sent'],
    handle(event) {
      singles.push(event.id);
      return Promise.resolve();
    },
    handleBatch(events) {
      batches.push(events.length);
      return Promise.resolve();
    },
  };

  beforeAll(async () => {
    env = await createTestEnv();
    // Start with the consumers only after the events are in the stream, so they arrive together.
    m = await startMuster(env.config({ MUSTER_ROLES: 'api' }));
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('hands a backlog to handleBatch in batches, each event once', async () => {
    await m.database.db.transaction((tx) =>
      m.outbox.append(
        tx,
        Array.from({ length: 300 }, (_, i) => ({
          type: 'system.probe.sent' as const,
          actor: 'system',
          data: { seq: i, sentAt: new Date().toISOString() },
        })),
      ),
    );
    await waitFor(
      'the outbox published',
      async () =>
        (await m.database.sql`select count(*)::int as n from outbox where sent_at is null`)[0]
          ?.n === 0,
    );
    const worker = await startMuster(
      env.config({ MUSTER_ROLES: 'consumers', CONSUMER_BATCH: '100' }),
      { extraConsumers: [recorder] },
    );
    try {
      await waitFor(
        'all applied',
        () => batches.reduce((a, b) => a + b, 0) + singles.length >= 300,
        20_000,
      );
      expect(batches.reduce((a, b) => a + b, 0) + singles.length).toBe(300);
      expect(Math.max(...batches)).toBeGreaterThan(1);
      expect(batches.every((n) => n <= 100)).toBe(true);
    } finally {
      await worker.stop();
    }
  });
});
