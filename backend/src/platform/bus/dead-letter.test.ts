import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId as uuidv7 } from '../ids.ts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { createEffectsTable, effectConsumer, effectCounts } from '../../testing/effects.ts';
import { waitFor } from '../../testing/processes.ts';
import { durableName } from './consumer.ts';
import { deadLetterSubject } from './streams.ts';

describe('dead letters', () => {
  let env: TestEnv;
  let m: Muster;
  const consumer = durableName('test', 'poison-aware', 'system.probe.sent');

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ CONSUMER_MAX_DELIVER: '3' }), {
      extraConsumers: [effectConsumer('poison-aware')],
    });
    await createEffectsTable(m.database.db);
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  async function deadLetters(): Promise<
    { reason: string | undefined; deliveries: string | undefined; data: string }[]
  > {
    const info = await m.bus.jsm.streams.info(m.streams.deadLetters);
    const out = [];
    for (
      let seq = info.state.first_seq;
      seq <= info.state.last_seq && info.state.messages > 0;
      seq++
    ) {
      const sm = await m.bus.jsm.streams.getMessage(m.streams.deadLetters, { seq });
      if (sm?.subject !== deadLetterSubject(env.namespace, consumer)) continue;
      out.push({
        reason: sm.header?.get('Muster-Dead-Letter-Reason'),
        deliveries: sm.header?.get('Muster-Deliveries'),
        data: sm.string(),
      });
    }
    return out;
  }

  /** The dead letters once `n` more than `before` have arrived. */
  const deadLettersAfter = (before: number, n: number) =>
    waitFor(
      `${n} more dead letters`,
      async () => {
        const l = await deadLetters();
        return l.length >= before + n ? l : undefined;
      },
      15_000,
    );

  it('sends a poison message to the dead-letter subject with its reason after max-deliver; the rest keep flowing', async () => {
    const sentAt = new Date().toISOString();
    const [poison] = await m.database.db.transaction((tx) =>
      m.outbox.append(tx, [
        { type: 'system.probe.sent', actor: 'system', data: { seq: 1, sentAt, note: 'poison' } },
      ]),
    );
    for (let i = 0; i < 10; i++) {
      await m.database.db.transaction((tx) =>
        m.outbox.append(
          tx,
          Array.from({ length: 10 }, (_, k) => ({
            type: 'system.probe.sent' as const,
            actor: 'system',
            data: { seq: 100 + i * 10 + k, sentAt },
          })),
        ),
      );
    }
    // The 100 good events are applied while the poison one is still being retried.
    await waitFor(
      'good events applied',
      async () => (await effectCounts(m.database.db, 'poison-aware')).rows === 100,
      30_000,
    );
    const letters = await waitFor(
      'the dead letter',
      async () => {
        const l = await deadLetters();
        return l.length > 0 ? l : undefined;
      },
      30_000,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toContain('poison probe 1 refused');
    expect(letters[0]!.deliveries).toBe('3');
    expect(JSON.parse(letters[0]!.data)).toMatchObject({
      id: poison!.id,
      type: 'system.probe.sent',
    });
    expect(await effectCounts(m.database.db, 'poison-aware')).toEqual({ rows: 100, distinct: 100 });
    // The platform's own consumer was not held up by another consumer's poison.
    const receipts = await m.database.sql`select count(*)::int as n from probe_receipts`;
    expect(receipts[0]?.n).toBe(101);
  });

  it('dead-letters a message that is not a valid event at once, without retries', async () => {
    const before = (await deadLetters()).length;
    await m.bus.js.publish(
      `${env.namespace}.system.probe.sent`,
      JSON.stringify({ id: 'not-a-uuid', type: 'system.probe.sent' }),
    );
    await m.bus.js.publish(`${env.namespace}.system.probe.sent`, 'not json at all');
    const letters = await deadLettersAfter(before, 2);
    const reasons = letters.slice(before).map((l) => l.reason);
    expect(reasons).toContainEqual(expect.stringContaining('invalid envelope'));
    expect(reasons).toContain('payload is not JSON');
    expect(letters.slice(before).every((l) => l.deliveries === '1')).toBe(true);
  });

  it('dead-letters at once an event carrying text no column can hold (a lone surrogate half, NUL)', async () => {
    const before = (await deadLetters()).length;
    for (const note of ['x\ud83dy', 'a\u0000b'])
      await m.bus.js.publish(
        `${env.namespace}.system.probe.sent`,
        JSON.stringify({
          id: uuidv7(),
          type: 'system.probe.sent',
          version: 1,
          occurredAt: new Date().toISOString(),
          source: 'system',
          actor: 'system',
          exercise: false,
          correlationId: uuidv7(),
          data: { seq: 1, sentAt: new Date().toISOString(), note },
        }),
      );
    const letters = await deadLettersAfter(before, 2);
    expect(letters.slice(before).map((l) => [l.reason, l.deliveries])).toEqual([
      ['invalid data: event.data.note', '1'],
      ['invalid data: event.data.note', '1'],
    ]);
  });

  it('settles a dead-lettered message: nothing stays unacknowledged to be delivered again', async () => {
    // Found by the fuzzer: `+TERM <reason>` is nats-server 2.10+; a 2.9 server ignored it, so
    // every refused message stayed pending and came back after the ack wait, dead-lettered again.
    const probes = durableName('system', 'probe-receipts', 'system.probe.sent');
    await m.bus.js.publish(`${env.namespace}.system.probe.sent`, 'still not json');
    await waitFor(
      'the refused message settled',
      async () => {
        const info = await m.bus.jsm.consumers.info(m.streams.events, probes);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      10_000,
    );
  });
});
