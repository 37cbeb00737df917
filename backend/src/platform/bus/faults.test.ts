import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSchemas } from '@muster/contracts';
import { startMuster } from '../../app.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { systemClock } from '../clock.ts';
import { createOutbox } from './outbox.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { BackendProcess, OwnNatsServer, waitFor } from '../../testing/processes.ts';

/**
 * Faults with the real parts: the backend killed with SIGKILL while relaying and consuming, and
 * a nats-server of the test's own killed and restarted mid-stream. Nothing may be lost and
 * nothing applied twice (probe_receipts has one row per application, not per event).
 */
describe('faults', () => {
  let env: TestEnv;
  let nats: OwnNatsServer;
  let writer: Database;
  const outbox = createOutbox(eventSchemas, systemClock);

  beforeAll(async () => {
    env = await createTestEnv();
    nats = await OwnNatsServer.start();
    writer = createDatabase(env.databaseUrl, { max: 4 });
  });

  afterAll(async () => {
    await writer?.close();
    await nats?.dispose();
    await env?.cleanup();
  });

  async function write(count: number, perTx: number, seqBase: number): Promise<void> {
    for (let i = 0; i < count; i += perTx) {
      await writer.db.transaction((tx) =>
        outbox.append(
          tx,
          Array.from({ length: Math.min(perTx, count - i) }, (_, k) => ({
            type: 'system.probe.sent' as const,
            actor: 'system',
            data: { seq: seqBase + i + k, sentAt: new Date().toISOString() },
          })),
        ),
      );
    }
  }

  async function receipts(): Promise<{ rows: number; distinct: number }> {
    const [r] = await writer.sql<{ rows: number; distinct: number }[]>`
      select count(*)::int as rows, count(distinct event_id)::int as distinct from probe_receipts`;
    return r ?? { rows: 0, distinct: 0 };
  }

  it('kill -9 of the backend mid-publish, then a restart: nothing lost, no duplicate effect', async () => {
    const backend = new BackendProcess({
      DATABASE_URL: env.databaseUrl,
      NATS_URL: nats.url,
      MUSTER_NAMESPACE: env.namespace,
      MUSTER_ROLES: 'api,consumers',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      INSTANCE_ID: 'victim',
      // Small batches keep the backend busy publishing and applying when the kill lands.
      OUTBOX_BATCH: '50',
      CONSUMER_BATCH: '20',
      CONSUMER_ACK_WAIT_MS: '2000',
      ...env.keys,
    });
    backend.start();
    try {
      const total = 6000;
      const writing = write(total, 20, 0);
      // Kill it while events are still flowing through it.
      await waitFor(
        'the backend to be mid-stream',
        async () => (await receipts()).rows > 800,
        60_000,
        20,
      );
      await backend.kill('SIGKILL');
      const atKill = (await receipts()).rows;
      await writing;
      expect(atKill).toBeLessThan(total);
      backend.start();
      await waitFor(
        'every event applied after the restart',
        async () => (await receipts()).rows >= total,
        90_000,
        200,
      );
      await new Promise((r) => setTimeout(r, 2500)); // room for a late duplicate to show
      expect(await receipts()).toEqual({ rows: total, distinct: total });
      const [unsent] = await writer.sql<
        { n: number }[]
      >`select count(*)::int as n from outbox where sent_at is null`;
      expect(unsent?.n).toBe(0);
    } finally {
      await backend.kill('SIGKILL');
    }
  });

  it('nats-server killed and restarted mid-stream: relay and consumers reconnect and finish, nothing lost', async () => {
    const m = await startMuster(
      env.config({
        NATS_URL: nats.url,
        MUSTER_ROLES: 'api,consumers',
        INSTANCE_ID: 'survivor',
        CONSUMER_ACK_WAIT_MS: '2000',
      }),
    );
    try {
      const before = (await receipts()).rows;
      const total = 4000;
      const writing = write(total, 10, 100_000);
      await waitFor(
        'events flowing',
        async () => (await receipts()).rows > before + 500,
        60_000,
        20,
      );
      await nats.kill('SIGKILL');
      await waitFor('the bus to notice', () => m.bus.state() !== 'connected', 20_000, 50);
      // Writes keep committing while NATS is down; the outbox holds them.
      await writing;
      await new Promise((r) => setTimeout(r, 1000));
      await nats.restart();
      await waitFor('the bus to reconnect', () => m.bus.state() === 'connected', 30_000, 100);
      await waitFor(
        'every event applied',
        async () => (await receipts()).rows >= before + total,
        90_000,
        200,
      );
      await new Promise((r) => setTimeout(r, 2500));
      expect(await receipts()).toEqual({ rows: before + total, distinct: before + total });
    } finally {
      await m.stop();
    }
  });
});
