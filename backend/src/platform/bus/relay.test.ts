import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { OwnNatsServer, waitFor } from '../../testing/processes.ts';

/**
 * The relay is woken by NOTIFY; with the fallback poll set to a minute, only wake-ups deliver in
 * time. A commit whose NOTIFY arrives while a drain is still publishing must not be slept through.
 */
describe('outbox relay wake-ups', () => {
  let env: TestEnv;
  let nats: OwnNatsServer;
  let m: Muster;

  beforeAll(async () => {
    env = await createTestEnv();
    nats = await OwnNatsServer.start();
    m = await startMuster(
      env.config({ NATS_URL: nats.url, MUSTER_ROLES: 'api,consumers', OUTBOX_POLL_MS: '60000' }),
    );
  });

  afterAll(async () => {
    await m?.stop();
    await nats?.dispose();
    await env?.cleanup();
  });

  const applied = async () =>
    Number((await m.database.sql`select count(*)::int as n from probe_receipts`)[0]?.n);
  const commit = (seq: number) =>
    m.database.db.transaction((tx) =>
      m.outbox.append(tx, [
        {
          type: 'system.probe.sent',
          actor: 'system',
          data: { seq, sentAt: new Date().toISOString() },
        },
      ]),
    );

  it('publishes an event committed while a drain is publishing, without waiting for the poll', async () => {
    await commit(0);
    await waitFor('the first event applied', async () => (await applied()) === 1, 10_000, 20);
    // Stall NATS so the next drain hangs in publish; commit again meanwhile; then thaw.
    nats.pause(true);
    try {
      await commit(1);
      await new Promise((r) => setTimeout(r, 300)); // the relay has claimed event 1 and is publishing
      await commit(2); // its NOTIFY arrives mid-drain
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      nats.pause(false);
    }
    const t = Date.now();
    await waitFor('both events applied', async () => (await applied()) === 3, 20_000, 20);
    expect(Date.now() - t).toBeLessThan(5_000);
  });
});
