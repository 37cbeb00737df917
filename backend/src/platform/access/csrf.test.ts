import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZErrorResponse, accessRoutes, systemRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login, type LoggedIn } from '../../testing/accounts.ts';
import { call, errorCode } from '../../testing/http.ts';

const ALLOWED = 'https://console.example.cn';
const FOREIGN = 'https://evil.example.com';

describe('cookie sessions against CSRF', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  let admin: { username: string; password: string };
  let s: LoggedIn;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(
      env.config({
        MUSTER_ROLES: 'api',
        ALLOWED_ORIGINS: ALLOWED,
        COOKIE_SECURE: 'true',
        ...FAST_PASSWORDS,
      }),
    );
    base = `http://127.0.0.1:${m.port}`;
    admin = await createAccount(m.database.db, { role: 'admin' });
    s = await login(base, admin.username, admin.password);
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  /** A state-changing request: sends one probe event. */
  const probe = (headers: Record<string, string>) =>
    call(base, 'POST', systemRoutes.sendProbe.path, { body: { count: 1 }, headers });

  it('marks the cookie Secure when COOKIE_SECURE is set', async () => {
    const r = await call(base, 'POST', accessRoutes.login.path, {
      body: { username: admin.username, password: admin.password },
    });
    expect(r.headers.getSetCookie().join()).toMatch(/muster_session=[^;]+;.*Secure/i);
  });

  it('refuses a cookie request that changes state without the CSRF token', async () => {
    const r = await probe({ cookie: s.cookie });
    expect(r.status).toBe(403);
    const err = ZErrorResponse.parse(r.body).error;
    expect(err.code).toBe('auth.csrf');
    expect(err.messageZh).toContain('X-CSRF-Token');
    expect(err.message).toContain('X-CSRF-Token');
  });

  it('refuses a wrong CSRF token, and another session’s token', async () => {
    expect(errorCode(await probe({ cookie: s.cookie, 'x-csrf-token': 'guess' }))).toBe('auth.csrf');
    const other = await login(base, admin.username, admin.password);
    const crossed = await probe({ cookie: s.cookie, 'x-csrf-token': other.csrfToken });
    expect(crossed.status).toBe(403);
  });

  it('accepts the cookie with its CSRF token, and reads need none', async () => {
    expect((await probe({ cookie: s.cookie, 'x-csrf-token': s.csrfToken })).status).toBe(202);
    expect(
      (await call(base, 'GET', systemRoutes.status.path, { headers: { cookie: s.cookie } })).status,
    ).toBe(200);
  });

  it('exempts bearer requests, from any origin', async () => {
    expect((await probe({ authorization: `Bearer ${s.bearer}` })).status).toBe(202);
    expect((await probe({ authorization: `Bearer ${s.bearer}`, origin: FOREIGN })).status).toBe(
      202,
    );
  });

  it('refuses cookie requests from a foreign origin, even with the token', async () => {
    const withToken = await probe({
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      origin: FOREIGN,
    });
    expect(withToken.status).toBe(403);
    expect(errorCode(withToken)).toBe('auth.origin');
    const read = await call(base, 'GET', accessRoutes.session.path, {
      headers: { cookie: s.cookie, origin: FOREIGN },
    });
    expect(read.status).toBe(403);
    expect(
      (await probe({ cookie: s.cookie, 'x-csrf-token': s.csrfToken, origin: 'null' })).status,
    ).toBe(403);
  });

  it('accepts its own origin and the allowed ones', async () => {
    for (const origin of [base, ALLOWED]) {
      const r = await probe({ cookie: s.cookie, 'x-csrf-token': s.csrfToken, origin });
      expect(r.status).toBe(202);
    }
  });

  it('refuses a log-in posted from a foreign page (log-in CSRF), but not one from ours', async () => {
    const body = { username: admin.username, password: admin.password };
    const foreign = await call(base, 'POST', accessRoutes.login.path, {
      body,
      headers: { origin: FOREIGN },
    });
    expect(foreign.status).toBe(403);
    expect(errorCode(foreign)).toBe('auth.origin');
    const ours = await call(base, 'POST', accessRoutes.login.path, {
      body,
      headers: { origin: ALLOWED },
    });
    expect(ours.status).toBe(200);
  });

  it('lets a browser that still holds a session sign in again without its CSRF token', async () => {
    const r = await call(base, 'POST', accessRoutes.login.path, {
      body: { username: admin.username, password: admin.password },
      headers: { cookie: s.cookie },
    });
    expect(r.status).toBe(200);
  });

  it('protects log-out too: a foreign page cannot sign the user out', async () => {
    const other = await login(base, admin.username, admin.password);
    const forced = await call(base, 'POST', accessRoutes.logout.path, {
      headers: { cookie: other.cookie },
    });
    expect(forced.status).toBe(403);
    expect(
      (await call(base, 'GET', accessRoutes.session.path, { headers: { cookie: other.cookie } }))
        .status,
    ).toBe(200);
  });
});
