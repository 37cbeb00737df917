import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, bearerHeaders, createAccount, login } from '../../testing/accounts.ts';
import { call } from '../../testing/http.ts';
import { systemClock } from '../clock.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import { notifyAccessChanged } from './access-changes.ts';
import { setAccountTeam } from './accounts.ts';
import { grants } from './grants.ts';
import { createSessionStore, sessionIdOf, type SessionStore } from './sessions.ts';
import { createViewerCache, type ViewerCache } from './viewer-cache.ts';

/** How late any process may honour a revoked session when its notices are lost (tests' setting). */
const STALE_MS = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `ok` holds; returns how long it took, or throws after `withinMs`. */
async function within(withinMs: number, ok: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await ok()) return performance.now() - started;
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(10);
  }
}

describe('kept viewers across two app instances', () => {
  let env: TestEnv;
  let a: Muster;
  let b: Muster;
  let baseA: string;
  let baseB: string;

  beforeAll(async () => {
    env = await createTestEnv();
    const config = env.config({
      MUSTER_ROLES: 'api',
      CACHE_STALE_MS: String(STALE_MS),
      ...FAST_PASSWORDS,
    });
    a = await startMuster(config);
    b = await startMuster(config);
    baseA = `http://127.0.0.1:${a.port}`;
    baseB = `http://127.0.0.1:${b.port}`;
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await env?.cleanup();
  });

  const session = (base: string, bearer: string) =>
    call(base, 'GET', accessRoutes.session.path, {
      headers: { authorization: `Bearer ${bearer}` },
    });

  it('serves the kept viewer: a change written without a notice is not seen', async () => {
    const acc = await createAccount(a.database.db, { role: 'observer' });
    const s = await login(baseA, acc.username, acc.password);
    // The first request may come before B's first ping is back (not kept); the second is kept.
    expect((await session(baseB, s.bearer)).status).toBe(200);
    await sleep(STALE_MS / 2);
    expect((await session(baseB, s.bearer)).status).toBe(200);
    // By hand, without NOTIFY: only the TTL would catch this (a change path must announce).
    await a.database.sql`update accounts set role = 'department' where id = ${acc.id}`;
    const kept = await session(baseB, s.bearer);
    expect((kept.body as { account: { role: string } }).account.role).toBe('observer');
    await a.database.db.transaction((tx) => notifyAccessChanged(tx, { accounts: [acc.id] }));
    await within(STALE_MS, async () => {
      const r = await session(baseB, s.bearer);
      return (r.body as { account: { role: string } }).account.role === 'department';
    });
  });

  it('a session signed out on one instance is refused by the other at once', async () => {
    const acc = await createAccount(a.database.db, { role: 'duty_officer' });
    const s = await login(baseA, acc.username, acc.password);
    for (const base of [baseA, baseB]) expect((await session(base, s.bearer)).status).toBe(200);
    const out = await call(baseA, 'POST', accessRoutes.logout.path, {
      headers: bearerHeaders(s),
    });
    expect(out.status).toBe(200);
    // The notice arrives in milliseconds; the bound that holds whatever fails is STALE_MS.
    const took = await within(
      STALE_MS,
      async () => (await session(baseB, s.bearer)).status === 401,
    );
    expect(took).toBeLessThan(STALE_MS);
    expect((await session(baseA, s.bearer)).status).toBe(401);
  });

  it('disabling an account or changing its password ends its sessions on every instance', async () => {
    const admin = await createAccount(a.database.db, { role: 'admin' });
    const adminSession = await login(baseA, admin.username, admin.password);
    const disabled = await createAccount(a.database.db, { role: 'commander' });
    const d = await login(baseA, disabled.username, disabled.password);
    const changed = await createAccount(a.database.db, { role: 'department' });
    const c = await login(baseA, changed.username, changed.password);
    for (const t of [d.bearer, c.bearer]) expect((await session(baseB, t)).status).toBe(200);

    const off = await call(
      baseA,
      'POST',
      accessRoutes.disableAccount.path.replace(':id', disabled.id),
      {
        headers: bearerHeaders(adminSession),
      },
    );
    expect(off.status).toBe(200);
    const pw = await call(baseA, 'POST', accessRoutes.changePassword.path, {
      body: { currentPassword: changed.password, newPassword: 'a-long-enough-new-one' },
      headers: bearerHeaders(c),
    });
    expect(pw.status).toBe(200);
    for (const t of [d.bearer, c.bearer])
      await within(STALE_MS, async () => (await session(baseB, t)).status === 401);
  });
});

describe('kept viewers of two pools (each with its own listener)', () => {
  let env: TestEnv;
  let dbA: Database;
  let dbB: Database;
  let cacheB: ViewerCache;
  let storeA: SessionStore;
  let storeB: SessionStore;
  const appName = `cache-b-${randomBytes(4).toString('hex')}`;
  const logger = createLogger({ level: 'silent', instanceId: 'viewer-cache-test' });

  beforeAll(async () => {
    env = await createTestEnv();
    dbA = createDatabase(env.databaseUrl, { max: 2 });
    dbB = createDatabase(env.databaseUrl, { max: 2, appName });
    const config = env.config();
    cacheB = createViewerCache({
      sql: dbB.sql,
      logger,
      ttlMs: 60_000,
      maxEntries: 100,
      staleMs: STALE_MS,
    });
    await cacheB.start();
    storeA = createSessionStore(dbA.db, systemClock, config);
    storeB = createSessionStore(dbB.db, systemClock, config, { cache: cacheB });
  });

  afterAll(async () => {
    await cacheB?.stop();
    await dbA?.close();
    await dbB?.close();
    await env?.cleanup();
  });

  async function signedIn(role: 'commander' | 'team_member', teamId: string | null = null) {
    const acc = await createAccount(dbA.db, { role, teamId });
    const { token } = await dbA.db.transaction((tx) => storeA.create(tx, acc.id, 'api'));
    // Kept by B (the first look-ups wait for B's first ping to come back).
    await within(2_000, async () => {
      await storeB.viewerForToken(token);
      return cacheB.get(sessionIdOf(token)) !== undefined;
    });
    return { id: acc.id, token };
  }

  it('a command grant given or withdrawn elsewhere reaches the kept viewer', async () => {
    const u = await signedIn('commander');
    const incidentId = randomUUID();
    const commands = async () => [
      ...((await storeB.viewerForToken(u.token))?.viewer.commands ?? []),
    ];
    expect(await commands()).toEqual([]);
    await dbA.db.transaction((tx) =>
      grants.grant(tx, { kind: 'command', incidentId, accountId: u.id, at: new Date() }),
    );
    await within(STALE_MS, async () => (await commands()).includes(incidentId));
    await dbA.db.transaction((tx) =>
      grants.end(tx, { kind: 'command', incidentId, accountId: u.id, at: new Date() }),
    );
    await within(STALE_MS, async () => (await commands()).length === 0);
  });

  it('a deployment of the team, its linking and a decision on it reach the kept viewers', async () => {
    const teamId = randomUUID();
    const member = await signedIn('team_member', teamId);
    const leader = await signedIn('team_member');
    const incidentId = randomUUID();
    await dbA.db.transaction((tx) =>
      grants.grant(tx, { kind: 'deployment', incidentId, teamId, at: new Date() }),
    );
    await within(STALE_MS, async () =>
      (await storeB.viewerForToken(member.token))!.viewer.deployments.has(incidentId),
    );
    expect(await dbA.db.transaction((tx) => setAccountTeam(tx, leader.id, teamId))).toBe(true);
    await within(
      STALE_MS,
      async () => (await storeB.viewerForToken(leader.token))?.viewer.teamId === teamId,
    );
    // A suspension announces the team: each kept viewer of its people is read afresh.
    await dbA.sql`update accounts set department_id = 'x' where team_id = ${teamId}`;
    expect((await storeB.viewerForToken(member.token))?.viewer.departmentId).toBeNull();
    await dbA.db.transaction((tx) => notifyAccessChanged(tx, { teams: [teamId] }));
    await within(STALE_MS, async () => {
      const all = await Promise.all([member, leader].map((x) => storeB.viewerForToken(x.token)));
      return all.every((l) => l?.viewer.departmentId === 'x');
    });
  });

  it('a revocation committed elsewhere is refused within milliseconds', async () => {
    const u = await signedIn('commander');
    const sid = sessionIdOf(u.token);
    const ids = await dbA.db.transaction((tx) => storeA.revokeAll(tx, u.id, 'account_disabled'));
    expect(ids).toEqual([sid]);
    const took = await within(STALE_MS, async () => !(await storeB.viewerForToken(u.token)));
    expect(took).toBeLessThan(STALE_MS);
  });

  it('empties itself when its listener reconnects', async () => {
    const u = await signedIn('commander');
    const [listener] = await dbA.sql<{ pid: number }[]>`
      select pid from pg_stat_activity
      where application_name = ${appName} and query ilike 'listen%'`;
    expect(listener).toBeDefined();
    // A change without a notice, then the listener drops: what was kept may be stale.
    await dbA.sql`update accounts set role = 'observer' where id = ${u.id}`;
    expect((await storeB.viewerForToken(u.token))?.viewer.role).toBe('commander');
    await dbA.sql`select pg_terminate_backend(${listener!.pid})`;
    await within(
      5_000,
      async () => (await storeB.viewerForToken(u.token))?.viewer.role === 'observer',
    );
  });
});

describe('a viewer cache that cannot prove it hears', () => {
  it('stops answering once no ping has come back for the stale bound', async () => {
    const env = await createTestEnv();
    const db = createDatabase(env.databaseUrl, { max: 2 });
    let offset = 0;
    const cache = createViewerCache({
      sql: db.sql,
      logger: createLogger({ level: 'silent', instanceId: 'viewer-cache-test' }),
      ttlMs: 60_000,
      maxEntries: 2,
      staleMs: STALE_MS,
      now: () => performance.now() + offset,
    });
    try {
      await cache.start();
      const store = createSessionStore(db.db, systemClock, env.config(), { cache });
      const acc = await createAccount(db.db, { role: 'admin' });
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++)
        tokens.push((await db.db.transaction((tx) => store.create(tx, acc.id, 'api'))).token);
      await within(2_000, async () => {
        for (const t of tokens) await store.viewerForToken(t);
        return cache.state().live && cache.state().size > 0;
      });
      // Bounded: three sessions, two kept.
      expect(cache.state().size).toBe(2);
      // Time passes with no ping answered (the listener went deaf): nothing is vouched for.
      offset += STALE_MS + 1;
      expect(cache.state().live).toBe(false);
      expect(cache.get(sessionIdOf(tokens[2]!))).toBeUndefined();
      expect(cache.state().size).toBe(0);
      // A revocation it never heard of is refused: the database is asked again.
      await db.sql`update sessions set revoked_at = now() where account_id = ${acc.id}`;
      expect(await store.viewerForToken(tokens[2]!)).toBeUndefined();
    } finally {
      await cache.stop();
      await db.close();
      await env.cleanup();
    }
  });
});
