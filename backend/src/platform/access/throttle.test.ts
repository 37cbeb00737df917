import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZErrorResponse, accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount } from '../../testing/accounts.ts';
import { movableClock } from '../../testing/clock.ts';
import { call, errorCode } from '../../testing/http.ts';
import { MAX_BLOCK_S, blockSeconds } from './throttle.ts';

describe('blockSeconds', () => {
  it('lets three failures pass, then doubles from 2 s up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(blockSeconds)).toEqual([0, 0, 0, 2, 4, 8, 16]);
    expect(blockSeconds(13)).toBe(MAX_BLOCK_S);
    expect(blockSeconds(1000)).toBe(MAX_BLOCK_S);
  });
});

describe('log-in throttle', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  const clock = movableClock();
  let nextAddress = 1;
  /** A fresh client address per call unless one is given (the API trusts the loopback proxy). */
  const address = () => `10.1.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api', ...FAST_PASSWORDS }), { clock });
    base = `http://127.0.0.1:${m.port}`;
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const login = (username: string, password: string, from = address()) =>
    call(base, 'POST', accessRoutes.login.path, {
      body: { username, password, client: 'api' },
      headers: { 'x-forwarded-for': from },
    });

  it('blocks an account with growing delays whatever address the guesses come from', async () => {
    const a = await createAccount(m.database.db, { role: 'commander' });
    for (let i = 0; i < 4; i++) expect((await login(a.username, 'guess-wrong')).status).toBe(401);
    // The fourth failure started a 2 s block: even the right password is not looked at.
    const blocked = await login(a.username, a.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('2');
    const err = ZErrorResponse.parse(blocked.body).error;
    expect(err.code).toBe('auth.throttled');
    expect(err.messageZh).toContain('2 秒');
    expect(err.message).toContain('2 s');

    clock.advance(2000);
    expect((await login(a.username, 'guess-wrong')).status).toBe(401);
    const longer = await login(a.username, a.password);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('4');

    clock.advance(4000);
    expect((await login(a.username, a.password)).status).toBe(200);
    // Success cleared the account's count: three mistakes are free again.
    for (let i = 0; i < 3; i++) expect((await login(a.username, 'guess-wrong')).status).toBe(401);
    expect((await login(a.username, a.password)).status).toBe(200);

    const refused = await m.database.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log
      where action = 'auth.login_failed' and outcome = 'denied' and detail->>'reason' = 'throttled'`;
    expect(refused[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('blocks an address that tries many usernames, and only that address', async () => {
    const from = '10.9.9.9';
    for (let i = 0; i < 4; i++)
      expect((await login(`spray-${i}`, 'guess-wrong', from)).status).toBe(401);
    const a = await createAccount(m.database.db, { role: 'observer' });
    const blocked = await login(a.username, a.password, from);
    expect(blocked.status).toBe(429);
    expect(errorCode(blocked)).toBe('auth.throttled');
    expect(Number(blocked.headers.get('retry-after'))).toBe(2);
    expect((await login(a.username, a.password, '10.9.9.10')).status).toBe(200);
  });

  it('caps the delay at 15 minutes', async () => {
    const username = 'capped-guesses';
    for (let n = 1; n <= 14; n++) {
      expect((await login(username, 'guess-wrong')).status).toBe(401);
      // Wait out each block but the last.
      if (n < 14) clock.advance(blockSeconds(n) * 1000);
    }
    const blocked = await login(username, 'guess-wrong');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe(String(MAX_BLOCK_S));
    clock.advance(MAX_BLOCK_S * 1000);
  });

  it('throttles guesses at the current password from a signed-in session', async () => {
    const a = await createAccount(m.database.db, { role: 'department' });
    const signedIn = await login(a.username, a.password);
    const { token } = signedIn.body as { token: string };
    const change = (currentPassword: string) =>
      call(base, 'POST', accessRoutes.changePassword.path, {
        body: { currentPassword, newPassword: 'a-brand-new-passphrase' },
        headers: { authorization: `Bearer ${token}` },
      });
    for (let i = 0; i < 4; i++) {
      const r = await change('guess-wrong');
      expect(r.status).toBe(403);
      expect(errorCode(r)).toBe('auth.wrong_password');
    }
    const blocked = await change(a.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('2');
    clock.advance(2000);
  });
});
