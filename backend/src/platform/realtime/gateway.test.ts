import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ZServerHello } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import {
  FAST_PASSWORDS,
  bearerHeaders,
  cookieHeaders,
  createAccount,
  login,
} from '../../testing/accounts.ts';
import { waitFor } from '../../testing/processes.ts';
import { REALTIME_TEST_CONFIG, gatewayClient, open, record } from '../../testing/realtime.ts';
import { sessionIdOf } from '../access/sessions.ts';
import { sessions } from '../access/tables.ts';

describe('realtime gateway', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(
      env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS, INSTANCE_ID: 'rt-1' }),
    );
    base = `http://127.0.0.1:${m.port}`;
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const gauge = async () => (await m.metrics.sockets.get()).values[0]?.value;

  it('greets an authenticated websocket client with the instance and its epoch, and counts it', async () => {
    const a = await createAccount(m.database.db, { role: 'observer' });
    const s = await login(base, a.username, a.password);
    const socket = gatewayClient(m, { token: s.bearer });
    const hello = new Promise<unknown>((resolve) => socket.once('server:hello', resolve));
    await open(socket);
    try {
      const h = ZServerHello.parse(await hello);
      expect(h.instanceId).toBe('rt-1');
      expect(h.epoch).toBe(m.realtime!.epoch);
      await waitFor('the sockets gauge', async () => (await gauge()) === 1);
    } finally {
      socket.close();
    }
    await waitFor('the socket to be gone', async () => (await gauge()) === 0);
  });

  it('disconnects the sockets of a session at log-out, telling them first, and only those', async () => {
    const a = await createAccount(m.database.db, { role: 'commander' });
    const s = await login(base, a.username, a.password);
    const byBearer = await open(gatewayClient(m, { token: s.bearer }));
    const byBearer2 = await open(gatewayClient(m, { token: s.bearer }));
    const byCookie = await open(gatewayClient(m, { cookie: s.cookie, origin: base }));
    const ended = record(byBearer, 'session:ended');
    const ended2 = record(byBearer2, 'session:ended');
    const reasons: string[] = [];
    byBearer.on('disconnect', (r) => reasons.push(r));

    const res = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: bearerHeaders(s),
      body: '{}',
    });
    expect(res.status).toBe(200);
    await waitFor(
      'both bearer sockets to be closed',
      () => !byBearer.connected && !byBearer2.connected,
    );
    expect(ended).toEqual([{ reason: 'revoked' }]);
    expect(ended2).toEqual([{ reason: 'revoked' }]);
    expect(reasons).toEqual(['io server disconnect']);
    // The browser session is another session: its socket stays until it logs out too.
    expect(byCookie.connected).toBe(true);
    const cookieEnded = record(byCookie, 'session:ended');
    await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: cookieHeaders(s),
      body: '{}',
    });
    await waitFor('the cookie socket to be closed', () => !byCookie.connected);
    expect(cookieEnded).toEqual([{ reason: 'revoked' }]);
    // A closed session cannot come back.
    const again = gatewayClient(m, { token: s.bearer });
    await expect(open(again)).rejects.toMatchObject({ data: { code: 'auth.invalid' } });
    again.close();
  });

  it('disconnects a socket when its session expires', async () => {
    const a = await createAccount(m.database.db, { role: 'observer' });
    const s = await login(base, a.username, a.password);
    await m.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 1500) })
      .where(eq(sessions.tokenHash, sessionIdOf(s.bearer)));
    const socket = await open(gatewayClient(m, { token: s.bearer }));
    const ended = record(socket, 'session:ended');
    await waitFor('the expiry to close the socket', () => !socket.connected, 10_000);
    expect(ended).toEqual([{ reason: 'expired' }]);
  });
});
