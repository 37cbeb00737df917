import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZErrorResponse, ZSession, accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount } from '../../testing/accounts.ts';
import { call, errorCode } from '../../testing/http.ts';

describe('log-in', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api', ...FAST_PASSWORDS }));
    base = `http://127.0.0.1:${m.port}`;
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const login = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call(base, 'POST', accessRoutes.login.path, { body, headers });
  const audit = (subjectId: string) =>
    m.database.sql<
      { action: string; actor: string; outcome: string; detail: Record<string, unknown> }[]
    >`
      select action, actor, outcome, detail from audit_log
      where subject_id = ${subjectId} or actor = ${subjectId} order by seq`;
  const sessionsOf = async (accountId: string) =>
    Number(
      (
        await m.database
          .sql`select count(*)::int as n from sessions where account_id = ${accountId}`
      )[0]?.n,
    );

  it('signs a browser in with an HttpOnly SameSite cookie and no token in the body', async () => {
    const a = await createAccount(m.database.db, {
      role: 'team_member',
      displayName: '刘洋',
      phone: '13800001111',
    });
    const r = await login({ username: a.username, password: a.password });
    expect(r.status).toBe(200);
    const session = ZSession.parse(r.body);
    expect(session.token).toBeUndefined();
    expect(session.account).toMatchObject({ id: a.id, role: 'team_member', status: 'active' });
    // A member sees their own contact whole.
    expect(session.account.phone).toBe('13800001111');
    expect(new Date(session.idleExpiresAt) <= new Date(session.expiresAt)).toBe(true);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('muster_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    expect(r.headers.get('cache-control')).toBe('no-store');

    const again = await call(base, 'GET', accessRoutes.session.path, {
      headers: { cookie: cookie!.split(';')[0]! },
    });
    expect(again.status).toBe(200);
    const current = ZSession.parse(again.body);
    expect(current.account.id).toBe(a.id);
    expect(current.csrfToken).toBe(session.csrfToken);
    expect(current.token).toBeUndefined();

    expect(await audit(a.id)).toContainEqual(
      expect.objectContaining({ action: 'auth.login', actor: a.id, outcome: 'ok' }),
    );
  });

  it('gives an API client a bearer token and sets no cookie', async () => {
    const a = await createAccount(m.database.db, { role: 'commander' });
    const r = await login({ username: a.username, password: a.password, client: 'api' });
    expect(r.status).toBe(200);
    expect(r.headers.getSetCookie()).toEqual([]);
    const { token } = ZSession.parse(r.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await call(base, 'GET', accessRoutes.session.path, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(ZSession.parse(me.body).token).toBeUndefined();
    // Only the token's hash is stored.
    const stored = await m.database.sql<{ token_hash: string }[]>`
      select token_hash from sessions where account_id = ${a.id}`;
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    const a = await createAccount(m.database.db, { role: 'observer' });
    const r = await login({ username: `  ${a.username.toUpperCase()} `, password: a.password });
    expect(r.status).toBe(200);
  });

  it('answers a wrong password and an unknown username alike, and opens no session', async () => {
    const a = await createAccount(m.database.db, { role: 'duty_officer' });
    const wrong = await login({ username: a.username, password: `${a.password}x` });
    const unknown = await login({ username: 'nobody-here', password: a.password });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      const err = ZErrorResponse.parse(r.body).error;
      expect(err.code).toBe('auth.invalid_credentials');
      expect(err.messageZh).toMatch(/用户名或密码不正确/);
    }
    expect(ZErrorResponse.parse(wrong.body).error.message).toBe(
      ZErrorResponse.parse(unknown.body).error.message,
    );
    expect(await sessionsOf(a.id)).toBe(0);
    const entries = await audit(a.id);
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'auth.login_failed',
        actor: 'public',
        outcome: 'failed',
        detail: expect.objectContaining({ reason: 'wrong_password' }) as unknown,
      }),
    );
    // The audit entry names the account by id only, never the username or the password.
    const raw = JSON.stringify(entries);
    expect(raw).not.toContain(a.username);
    expect(raw).not.toContain(a.password);
  });

  it.each([
    ['pending', 'auth.account_pending', /等待值班员审核/],
    ['disabled', 'auth.account_disabled', /已停用/],
  ] as const)(
    'refuses a %s account clearly, but only to someone who knows the password',
    async (status, code, zh) => {
      const a = await createAccount(m.database.db, { role: 'team_leader', status });
      const right = await login({ username: a.username, password: a.password });
      expect(right.status).toBe(403);
      const err = ZErrorResponse.parse(right.body).error;
      expect(err.code).toBe(code);
      expect(err.messageZh).toMatch(zh);
      const wrong = await login({ username: a.username, password: 'not-the-password' });
      expect(wrong.status).toBe(401);
      expect(errorCode(wrong)).toBe('auth.invalid_credentials');
      expect(await sessionsOf(a.id)).toBe(0);
      expect(await audit(a.id)).toContainEqual(
        expect.objectContaining({ action: 'auth.login_failed', outcome: 'denied' }),
      );
    },
  );

  it.each([
    ['no password', { username: 'someone' }, 'body.password'],
    ['an empty username', { username: '', password: 'x' }, 'body.username'],
    ['an unknown client', { username: 'someone', password: 'x', client: 'robot' }, 'body.client'],
    ['an over-long password', { username: 'someone', password: 'x'.repeat(201) }, 'body.password'],
  ])('answers %s with 400 naming the field', async (_what, body, path) => {
    const r = await login(body);
    expect(r.status).toBe(400);
    const err = ZErrorResponse.parse(r.body).error;
    expect(err.code).toBe('request.invalid');
    expect(err.issues?.map((i) => i.path)).toContain(path);
  });

  it('answers the session endpoint with 401 when signed out or given a forged token', async () => {
    const none = await call(base, 'GET', accessRoutes.session.path);
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe('auth.required');
    const forged = await call(base, 'GET', accessRoutes.session.path, {
      headers: { authorization: `Bearer ${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
    const staleCookie = await call(base, 'GET', accessRoutes.session.path, {
      headers: { cookie: `muster_session=${'B'.repeat(43)}` },
    });
    expect(staleCookie.status).toBe(401);
    // The browser is told to drop a cookie that no longer opens a session.
    expect(staleCookie.headers.getSetCookie().join()).toMatch(/muster_session=;/);
  });

  it('lists the access routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const r of Object.values(accessRoutes)) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method]).toBeDefined();
    }
  });
});
