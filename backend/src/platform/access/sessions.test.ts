import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZSession, accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import {
  FAST_PASSWORDS,
  bearerHeaders,
  cookieHeaders,
  createAccount,
  login,
  type LoggedIn,
} from '../../testing/accounts.ts';
import { movableClock } from '../../testing/clock.ts';
import { call, errorCode } from '../../testing/http.ts';
import { createSessionStore } from './sessions.ts';

const MINUTE = 60_000;

describe('sessions', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  const clock = movableClock();

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(
      env.config({
        MUSTER_ROLES: 'api',
        SESSION_IDLE_MINUTES: '30',
        SESSION_ABSOLUTE_HOURS: '12',
        ...FAST_PASSWORDS,
      }),
      { clock },
    );
    base = `http://127.0.0.1:${m.port}`;
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const current = (headers: Record<string, string>) =>
    call(base, 'GET', accessRoutes.session.path, { headers });
  const cookieOnly = (s: LoggedIn) => ({ cookie: s.cookie });

  it('ends a session left idle too long, and keeps one in use alive', async () => {
    const a = await createAccount(m.database.db, { role: 'duty_officer' });
    const s = await login(base, a.username, a.password);
    clock.advance(29 * MINUTE);
    expect((await current(cookieOnly(s))).status).toBe(200);
    clock.advance(29 * MINUTE);
    const alive = await current(cookieOnly(s));
    expect(alive.status).toBe(200);
    // Use moved the idle deadline: 30 minutes from the last request.
    const body = ZSession.parse(alive.body);
    expect(new Date(body.idleExpiresAt).getTime()).toBe(clock.now().getTime() + 30 * MINUTE);
    clock.advance(31 * MINUTE);
    const idle = await current(cookieOnly(s));
    expect(idle.status).toBe(401);
    expect(errorCode(idle)).toBe('auth.required');
    expect((await current({ authorization: `Bearer ${s.bearer}` })).status).toBe(401);
  });

  it('ends a session at its absolute expiry however busy it is', async () => {
    const a = await createAccount(m.database.db, { role: 'commander' });
    const s = await login(base, a.username, a.password);
    const started = clock.now().getTime();
    for (let elapsed = 0; elapsed < 12 * 60 * MINUTE - 20 * MINUTE; elapsed += 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      expect((await current(cookieOnly(s))).status).toBe(200);
    }
    const last = ZSession.parse((await current(cookieOnly(s))).body);
    expect(new Date(last.expiresAt).getTime()).toBe(started + 12 * 60 * MINUTE);
    // Near the end the idle deadline is the absolute one.
    expect(last.idleExpiresAt).toBe(last.expiresAt);
    clock.advance(20 * MINUTE);
    expect((await current(cookieOnly(s))).status).toBe(401);
  });

  it('revokes this session on log-out, and only this one', async () => {
    const a = await createAccount(m.database.db, { role: 'observer' });
    const s = await login(base, a.username, a.password);
    const out = await call(base, 'POST', accessRoutes.logout.path, { headers: cookieHeaders(s) });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/muster_session=;/);
    expect((await current(cookieOnly(s))).status).toBe(401);
    expect((await current({ authorization: `Bearer ${s.bearer}` })).status).toBe(200);
    const entries = await m.database.sql<{ action: string }[]>`
      select action from audit_log where actor = ${a.id} order by seq`;
    expect(entries.map((e) => e.action)).toContain('auth.logout');
    // Signing out again, or signed out, is harmless.
    expect((await call(base, 'POST', accessRoutes.logout.path)).status).toBe(200);
  });

  it('revokes every session of the account when the password changes', async () => {
    const a = await createAccount(m.database.db, { role: 'department' });
    const s = await login(base, a.username, a.password);
    const newPassword = 'correct-horse-battery-staple';
    const changed = await call(base, 'POST', accessRoutes.changePassword.path, {
      body: { currentPassword: a.password, newPassword },
      headers: bearerHeaders(s),
    });
    expect(changed.status).toBe(200);
    expect((await current(cookieOnly(s))).status).toBe(401);
    expect((await current({ authorization: `Bearer ${s.bearer}` })).status).toBe(401);
    const old = await call(base, 'POST', accessRoutes.login.path, {
      body: { username: a.username, password: a.password },
    });
    expect(old.status).toBe(401);
    await login(base, a.username, newPassword);
    const [entry] = await m.database.sql<{ detail: { revokedSessions: number } }[]>`
      select detail from audit_log where action = 'auth.password_changed' and subject_id = ${a.id}`;
    expect(entry?.detail.revokedSessions).toBe(2);
  });

  it('refuses a password change naming the field when the new password is unfit', async () => {
    const a = await createAccount(m.database.db, { role: 'team_member' });
    const s = await login(base, a.username, a.password);
    for (const newPassword of ['short', a.password]) {
      const r = await call(base, 'POST', accessRoutes.changePassword.path, {
        body: { currentPassword: a.password, newPassword },
        headers: bearerHeaders(s),
      });
      expect(r.status).toBe(400);
      const issues = (r.body as { error: { issues: { path: string }[] } }).error.issues;
      expect(issues.map((i) => i.path)).toContain('body.newPassword');
    }
    const signedOut = await call(base, 'POST', accessRoutes.changePassword.path, {
      body: { currentPassword: a.password, newPassword: 'a-long-enough-new-one' },
    });
    expect(signedOut.status).toBe(401);
    expect((await current({ authorization: `Bearer ${s.bearer}` })).status).toBe(200);
  });

  it('tells revocation listeners which sessions ended, after revoking, expiring or sweeping', async () => {
    const store = createSessionStore(m.database.db, clock, m.config);
    const heard: string[][] = [];
    const stop = store.onRevoked((ids) => heard.push(ids));
    const a = await createAccount(m.database.db, { role: 'admin' });
    const one = await m.database.db.transaction((tx) => store.create(tx, a.id, 'browser'));
    const two = await m.database.db.transaction((tx) => store.create(tx, a.id, 'api'));
    expect((await store.viewerForToken(one.token))?.viewer).toMatchObject({
      kind: 'account',
      accountId: a.id,
      role: 'admin',
      sessionId: one.session.id,
    });
    const ids = await m.database.db.transaction((tx) =>
      store.revokeAll(tx, a.id, 'account_disabled'),
    );
    store.announce(ids);
    expect(heard).toEqual([expect.arrayContaining([one.session.id, two.session.id])]);
    expect(await store.viewerForToken(one.token)).toBeUndefined();

    const three = await m.database.db.transaction((tx) => store.create(tx, a.id, 'api'));
    clock.advance(31 * MINUTE);
    const swept = await store.sweepExpired();
    expect(swept).toContain(three.session.id);
    expect(heard.at(-1)).toEqual(swept);
    stop();
  });
});
