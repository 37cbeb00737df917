import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login, type LoggedIn } from '../../testing/accounts.ts';
import { REALTIME_TEST_CONFIG, gatewayClient, open, refusalCode } from '../../testing/realtime.ts';
import { sessionIdOf } from '../access/sessions.ts';
import { sessions } from '../access/tables.ts';

describe('realtime handshake', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  let observer: LoggedIn;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS }));
    base = `http://127.0.0.1:${m.port}`;
    const a = await createAccount(m.database.db, { role: 'observer' });
    observer = await login(base, a.username, a.password);
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('accepts a bearer token in auth, and the session cookie of a same-origin page', async () => {
    const bearer = await open(gatewayClient(m, { token: observer.bearer }));
    bearer.close();
    const cookie = await open(gatewayClient(m, { cookie: observer.cookie, origin: base }));
    cookie.close();
    const allowed = await open(
      gatewayClient(m, { cookie: observer.cookie, origin: 'http://map.example' }),
    );
    allowed.close();
  });

  it('refuses a socket without a session, with a code saying so', async () => {
    expect(await refusalCode(gatewayClient(m))).toBe('auth.required');
  });

  it('refuses a forged token', async () => {
    const forged = 'A'.repeat(43);
    expect(await refusalCode(gatewayClient(m, { token: forged }))).toBe('auth.invalid');
    expect(await refusalCode(gatewayClient(m, { token: 'not even shaped like one' }))).toBe(
      'auth.invalid',
    );
  });

  it('refuses an expired session', async () => {
    const a = await createAccount(m.database.db, { role: 'commander' });
    const s = await login(base, a.username, a.password);
    await m.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.tokenHash, sessionIdOf(s.bearer)));
    expect(await refusalCode(gatewayClient(m, { token: s.bearer }))).toBe('auth.invalid');
  });

  it('refuses a cross-origin page even with a valid session cookie', async () => {
    const code = await refusalCode(
      gatewayClient(m, { cookie: observer.cookie, origin: 'http://evil.example' }),
    );
    expect(code).toBe('origin.forbidden');
  });

  it('refuses a token in the query string, even a valid one', async () => {
    const code = await refusalCode(gatewayClient(m, { query: { token: observer.bearer } }));
    expect(code).toBe('auth.token_in_url');
    const both = await refusalCode(
      gatewayClient(m, { token: observer.bearer, query: { access_token: observer.bearer } }),
    );
    expect(both).toBe('auth.token_in_url');
  });

  it('counts refusals by reason', async () => {
    const metric = await m.metrics.realtimeRefused.get();
    const reasons = new Set(metric.values.map((v) => v.labels.reason));
    for (const r of ['auth.required', 'auth.invalid', 'origin.forbidden', 'auth.token_in_url'])
      expect(reasons).toContain(r);
  });
});
