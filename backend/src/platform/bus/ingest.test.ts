import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { waitFor } from '../../testing/processes.ts';
import { startIngest, type IngestMessage } from './ingest.ts';
import { deadLetterSubject } from './streams.ts';

describe('ingest batches', () => {
  let env: TestEnv;
  let m: Muster;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api' }));
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('a poison message in a batch holds back nothing: the rest commit once, it is dead-lettered with its reason', async () => {
    const name = 'test__poison_batch';
    const subject = (i: number) => `${env.namespace}.probe.sensor.${i}`;
    // The sensor messages are stored (each publish acknowledged by the stream) before the
    // ingest starts, so they arrive together.
    await m.bus.jsm.streams.add({
      name: `${env.namespace.toUpperCase()}_PROBES`,
      subjects: [`${env.namespace}.probe.sensor.>`],
    });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        m.bus.js.publish(subject(i), i === 17 ? 'poison' : `ok-${i}`),
      ),
    );
    // A store that commits a batch whole or not at all, like a transaction.
    const committed: string[] = [];
    // Each call's messages, and whether any of them was handed over before (a retry of a part).
    const calls: { size: number; retry: boolean; poison: boolean }[] = [];
    const handed = new Set<string>();
    const handleBatch = (batch: readonly IngestMessage[]) => {
      const data = batch.map((b) => new TextDecoder().decode(b.data));
      calls.push({
        size: data.length,
        retry: data.some((d) => handed.has(d)),
        poison: data.includes('poison'),
      });
      for (const d of data) handed.add(d);
      if (data.includes('poison')) return Promise.reject(new Error('value out of column range'));
      committed.push(...data);
      return Promise.resolve();
    };
    const ingest = await startIngest(
      m.bus,
      {
        name,
        stream: 'PROBES',
        subjects: ['probe.sensor.>'],
        maxAgeS: 3600,
        batch: 100,
        maxDeliver: 2,
        handleBatch,
      },
      { namespace: env.namespace, replicas: 1, logger: m.logger },
    );
    try {
      await waitFor('the good messages committed', () => committed.length === 39, 10_000);
      expect([...committed].sort()).toEqual(
        Array.from({ length: 40 }, (_, i) => i)
          .filter((i) => i !== 17)
          .map((i) => `ok-${i}`)
          .sort(),
      );
      // The poison came in a batch with good messages (however the deliveries were cut up)...
      const first = calls.find((c) => c.poison)!;
      expect(first.size).toBeGreaterThan(1);
      // ...and halving found it in a few calls, not one call per message (plus, perhaps, its own
      // delivery again by now).
      const retries = calls.filter((c) => c.retry).length;
      expect(retries).toBeGreaterThan(0);
      expect(retries).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(first.size)) + 1);
      // Delivered again on its own, it fails again and goes to the dead letters on its last try.
      const dlq = m.streams.deadLetters;
      await waitFor(
        'the poison dead-lettered',
        async () => (await m.bus.jsm.streams.info(dlq)).state.messages > 0,
        10_000,
      );
      const info = await m.bus.jsm.streams.info(dlq);
      const letter = await m.bus.jsm.streams.getMessage(dlq, { seq: info.state.last_seq });
      expect(letter?.subject).toBe(deadLetterSubject(env.namespace, name));
      expect(letter?.string()).toBe('poison');
      expect(letter?.header?.get('Muster-Dead-Letter-Reason')).toBe(
        'Error: value out of column range',
      );
      expect(letter?.header?.get('Muster-Original-Subject')).toBe(subject(17));
      // Nothing was applied twice, and nothing waits for an acknowledgement.
      expect(committed).toHaveLength(39);
      const c = await m.bus.jsm.consumers.info(ingest.stream, name);
      expect(c.num_ack_pending + c.num_pending).toBe(0);
    } finally {
      await ingest.stop();
    }
  });
});
