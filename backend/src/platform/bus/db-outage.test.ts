import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { createEffectsTable, effectConsumer, effectCounts } from '../../testing/effects.ts';
import { waitFor } from '../../testing/processes.ts';
import { startTcpProxy, type TcpProxy } from '../../testing/tcp-proxy.ts';
import { durableName } from './consumer.ts';

/**
 * PostgreSQL out of reach of a consumers process (its connections reset, new ones refused) while
 * events keep arriving: the events are held, not failed, so none is dead-lettered however few
 * deliveries are allowed, and all are applied once, soon after the database answers again.
 */
describe('a consumer while PostgreSQL is out of reach', () => {
  let env: TestEnv;
  let proxy: TcpProxy;
  let writer: Muster;
  let reader: Muster;
  const name = 'outage-aware';
  const durable = durableName('test', name, 'system.probe.sent');

  beforeAll(async () => {
    env = await createTestEnv();
    const target = new URL(env.databaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    writer = await startMuster(env.config({ MUSTER_ROLES: 'api', INSTANCE_ID: 'outage-writer' }));
    await createEffectsTable(writer.database.db);
    reader = await startMuster(
      env.config({
        MUSTER_ROLES: 'consumers',
        INSTANCE_ID: 'outage-reader',
        DATABASE_URL: proxy.via(env.databaseUrl),
        // Two deliveries: a failure counted per redelivery would dead-letter within a second.
        CONSUMER_MAX_DELIVER: '2',
        // A short acknowledgement wait: an event held without telling NATS is delivered again.
        CONSUMER_ACK_WAIT_MS: '1000',
      }),
      { extraConsumers: [effectConsumer(name)] },
    );
  });

  afterAll(async () => {
    await proxy?.mend();
    await reader?.stop();
    await writer?.stop();
    await proxy?.close();
    await env?.cleanup();
  });

  const send = async (n: number, note: string) => {
    const sentAt = new Date().toISOString();
    await writer.database.db.transaction((tx) =>
      writer.outbox.append(
        tx,
        Array.from({ length: n }, (_, seq) => ({
          type: 'system.probe.sent' as const,
          actor: 'system',
          data: { seq, sentAt, note },
        })),
      ),
    );
  };
  const applied = () => effectCounts(writer.database.db, name);

  it('holds what arrives during the outage and applies each event once when the database is back', async () => {
    await send(20, 'before');
    await waitFor('the first 20 applied', async () => (await applied()).distinct === 20, 20_000);

    await proxy.cut();
    await send(5, 'during');
    // Long enough for several redeliveries had the failures been counted.
    await new Promise((r) => setTimeout(r, 5_000));
    expect((await applied()).distinct).toBe(20);
    const mended = Date.now();
    await proxy.mend();
    await waitFor('all 25 applied', async () => (await applied()).distinct === 25, 30_000);
    const catchUpMs = Date.now() - mended;

    expect(await applied()).toEqual({ rows: 25, distinct: 25 });
    // Caught up within about a second of the database answering, not after a back-off.
    expect(catchUpMs).toBeLessThan(5_000);
    const [status] = (await reader.consumers.status()).filter((s) => s.name === durable);
    expect(status).toMatchObject({ pending: 0, ackPending: 0 });
    const deadLetters = await writer.bus.jsm.streams.info(writer.streams.deadLetters);
    expect(deadLetters.state.messages).toBe(0);
  });
});
