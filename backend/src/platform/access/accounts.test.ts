import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZAccount, ZAccountList, ZErrorResponse, accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import {
  FAST_PASSWORDS,
  bearerHeaders,
  createAccount,
  login,
  type LoggedIn,
} from '../../testing/accounts.ts';
import { call, errorCode, type Answer } from '../../testing/http.ts';

describe('accounts', () => {
  let env: TestEnv;
  let m: Muster;
  let base: string;
  let admin: LoggedIn & { id: string };
  let duty: LoggedIn & { id: string };
  let commander: LoggedIn;

  const signIn = async (role: 'admin' | 'duty_officer' | 'commander') => {
    const a = await createAccount(m.database.db, { role });
    return { id: a.id, ...(await login(base, a.username, a.password)) };
  };

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'api', ...FAST_PASSWORDS }));
    base = `http://127.0.0.1:${m.port}`;
    admin = await signIn('admin');
    duty = await signIn('duty_officer');
    commander = await signIn('commander');
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  const as = (who: LoggedIn | undefined, method: string, path: string, body?: unknown) =>
    call(base, method, path, { body, headers: who ? bearerHeaders(who) : {} });
  const approvePath = (id: string) => accessRoutes.approveAccount.path.replace(':id', id);
  const disablePath = (id: string) => accessRoutes.disableAccount.path.replace(':id', id);
  const tryLogin = (username: string, password: string) =>
    call(base, 'POST', accessRoutes.login.path, { body: { username, password, client: 'api' } });
  const fieldsOf = (r: Answer) =>
    ZErrorResponse.parse(r.body).error.issues?.map((i) => i.path) ?? [];
  const audited = (subjectId: string) =>
    m.database.sql<{ action: string; actor: string }[]>`
      select action, actor from audit_log where subject_id = ${subjectId} order by seq`;

  const signup = (username: string) => ({
    username,
    displayName: '陈志刚',
    phone: '13912345678',
    password: 'blue-sky-rescue-2025',
  });

  it('lets a team leader sign up, wait, be approved by a duty officer, then sign in', async () => {
    const form = signup('chen.zhigang');
    const created = await as(undefined, 'POST', accessRoutes.signup.path, form);
    expect(created.status).toBe(201);
    const account = ZAccount.parse(created.body);
    expect(account).toMatchObject({ role: 'team_leader', status: 'pending', teamId: null });
    // The public sees no person: the answer carries neither name nor phone.
    expect(account.phone).toBeUndefined();
    expect(account.displayName).toBeUndefined();

    expect(errorCode(await tryLogin(form.username, form.password))).toBe('auth.account_pending');

    const pending = await as(duty, 'GET', `${accessRoutes.listAccounts.path}?status=pending`);
    expect(pending.status).toBe(200);
    const listed = ZAccountList.parse(pending.body).items.find((a) => a.id === account.id);
    // A duty officer sees contacts whole, to call the applicant back.
    expect(listed).toMatchObject({ displayName: '陈志刚', phone: '13912345678' });

    const approved = await as(duty, 'POST', approvePath(account.id));
    expect(approved.status).toBe(200);
    expect(ZAccount.parse(approved.body).status).toBe('active');
    expect((await tryLogin(form.username, form.password)).status).toBe(200);

    expect(await audited(account.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'account.signed_up', actor: 'public' }),
        expect.objectContaining({ action: 'account.approved', actor: duty.id }),
      ]),
    );
    const again = await as(duty, 'POST', approvePath(account.id));
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('account.not_pending');
  });

  it('lets only a duty officer or the admin approve', async () => {
    const r = await as(undefined, 'POST', accessRoutes.signup.path, signup('wang.leader'));
    const { id } = ZAccount.parse(r.body);
    expect(errorCode(await as(commander, 'POST', approvePath(id)))).toBe('auth.forbidden');
    expect(errorCode(await as(undefined, 'POST', approvePath(id)))).toBe('auth.required');
    const unknown = await as(duty, 'POST', approvePath('00000000-0000-4000-8000-000000000000'));
    expect(unknown.status).toBe(404);
    expect((await as(admin, 'POST', approvePath(id))).status).toBe(200);
  });

  it('refuses a username that is taken', async () => {
    expect((await as(undefined, 'POST', accessRoutes.signup.path, signup('li.taken'))).status).toBe(
      201,
    );
    const twice = await as(undefined, 'POST', accessRoutes.signup.path, signup('li.taken'));
    expect(twice.status).toBe(409);
    expect(errorCode(twice)).toBe('account.username_taken');
  });

  it('lets the admin create office accounts, and no one else', async () => {
    const body = {
      username: 'zhao.min',
      displayName: '赵敏',
      role: 'department',
      password: 'water-bureau-2025',
      departmentId: 'beibei-water',
    };
    const created = await as(admin, 'POST', accessRoutes.createAccount.path, body);
    expect(created.status).toBe(201);
    const account = ZAccount.parse(created.body);
    expect(account).toMatchObject({ status: 'active', role: 'department' });
    expect((await tryLogin(body.username, body.password)).status).toBe(200);
    expect(await audited(account.id)).toContainEqual({
      action: 'account.created',
      actor: admin.id,
    });

    const byDuty = await as(duty, 'POST', accessRoutes.createAccount.path, {
      ...body,
      username: 'by.duty',
      role: 'admin',
    });
    expect(byDuty.status).toBe(403);
    expect(errorCode(byDuty)).toBe('auth.forbidden');
    const anonymous = await as(undefined, 'POST', accessRoutes.createAccount.path, body);
    expect(anonymous.status).toBe(401);
    // Team leaders sign up and team members join a team; the admin creates neither.
    const leader = await as(admin, 'POST', accessRoutes.createAccount.path, {
      ...body,
      username: 'not.office',
      role: 'team_leader',
    });
    expect(leader.status).toBe(400);
    expect(fieldsOf(leader)).toContain('body.role');
  });

  it.each([
    ['a bad phone', { phone: '12345' }, 'body.phone'],
    ['an upper-case username', { username: 'Bad Name' }, 'body.username'],
    ['a short password', { password: 'short' }, 'body.password'],
    ['no display name', { displayName: '' }, 'body.displayName'],
  ])('refuses a sign-up with %s, naming the field', async (_what, change, path) => {
    const r = await as(undefined, 'POST', accessRoutes.signup.path, {
      ...signup('field.check'),
      ...change,
    });
    expect(r.status).toBe(400);
    expect(fieldsOf(r)).toContain(path);
  });

  it('pages through the accounts with a cursor and filters by status', async () => {
    for (const name of ['page.a', 'page.b', 'page.c'])
      await as(undefined, 'POST', accessRoutes.signup.path, signup(name));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await as(admin, 'GET', `${accessRoutes.listAccounts.path}${q}`);
      expect(r.status).toBe(200);
      const page = ZAccountList.parse(r.body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const a of page.items) {
        expect(a.status).toBe('pending');
        seen.push(a.username);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['page.a', 'page.b', 'page.c']));
    expect(new Set(seen).size).toBe(seen.length);

    const bad = await as(admin, 'GET', `${accessRoutes.listAccounts.path}?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('query.cursor');
    const badLimit = await as(admin, 'GET', `${accessRoutes.listAccounts.path}?limit=0`);
    expect(fieldsOf(badLimit)).toContain('query.limit');
    expect((await as(commander, 'GET', accessRoutes.listAccounts.path)).status).toBe(403);
  });

  it('disables an account: its sessions end and it can no longer sign in', async () => {
    const a = await createAccount(m.database.db, { role: 'observer' });
    const s = await login(base, a.username, a.password);
    const byDuty = await as(duty, 'POST', disablePath(a.id));
    expect(byDuty.status).toBe(403);
    const r = await as(admin, 'POST', disablePath(a.id));
    expect(r.status).toBe(200);
    expect(ZAccount.parse(r.body).status).toBe('disabled');
    const both: Record<string, string>[] = [
      { cookie: s.cookie },
      { authorization: `Bearer ${s.bearer}` },
    ];
    for (const headers of both)
      expect((await call(base, 'GET', accessRoutes.session.path, { headers })).status).toBe(401);
    expect(errorCode(await tryLogin(a.username, a.password))).toBe('auth.account_disabled');
    expect(await audited(a.id)).toContainEqual({ action: 'account.disabled', actor: admin.id });

    const self = await as(admin, 'POST', disablePath(admin.id));
    expect(self.status).toBe(409);
    expect(errorCode(self)).toBe('account.self_disable');
  });
});
