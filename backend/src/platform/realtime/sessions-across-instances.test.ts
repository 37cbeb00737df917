import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessRoutes } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, bearerHeaders, createAccount, login } from '../../testing/accounts.ts';
import { call } from '../../testing/http.ts';
import { waitFor } from '../../testing/processes.ts';
import { REALTIME_TEST_CONFIG, gatewayClient, open, record } from '../../testing/realtime.ts';
import { systemClock } from '../clock.ts';
import { createSessionStore, sessionIdOf } from '../access/sessions.ts';
import { sessions } from '../access/tables.ts';

/**
 * One `api` instance and one `realtime` instance on one database and namespace: a session ended
 * through the api instance must end its sockets on the realtime one. The realtime instance's own
 * check for missed revocations is set far out, so only the notice can end them in time here.
 */
describe('sessions ended through another instance', () => {
  let env: TestEnv;
  let api: Muster;
  let rt: Muster;
  let base: string;

  beforeAll(async () => {
    env = await createTestEnv();
    const common = { ...FAST_PASSWORDS, SESSION_IDLE_MINUTES: '1' };
    api = await startMuster(env.config({ ...common, MUSTER_ROLES: 'api', INSTANCE_ID: 'api-1' }));
    rt = await startMuster(
      env.config({
        ...REALTIME_TEST_CONFIG,
        ...common,
        MUSTER_ROLES: 'realtime',
        INSTANCE_ID: 'rt-1',
        REALTIME_SESSION_CHECK_MS: '600000',
      }),
    );
    base = `http://127.0.0.1:${api.port}`;
  });

  afterAll(async () => {
    await rt?.stop();
    await api?.stop();
    await env?.cleanup();
  });

  /** An account signed in through the api instance, with a socket on the realtime instance. */
  async function socketOnRealtime(role: 'observer' | 'admin' = 'observer') {
    const a = await createAccount(api.database.db, { role });
    const s = await login(base, a.username, a.password);
    const socket = await open(gatewayClient(rt, { token: s.bearer }));
    const ended = record(socket, 'session:ended');
    return { a, s, socket, ended };
  }

  const closed = (socket: { connected: boolean }) =>
    waitFor('the socket on the other instance to be closed', () => !socket.connected, 5_000);

  it('ends the socket at log-out through the api instance', async () => {
    const { s, socket, ended } = await socketOnRealtime();
    const res = await call(base, 'POST', accessRoutes.logout.path, {
      headers: bearerHeaders(s),
      body: {},
    });
    expect(res.status).toBe(200);
    await closed(socket);
    expect(ended).toEqual([{ reason: 'revoked' }]);
  });

  it('ends the socket when the password changes through the api instance', async () => {
    const { a, s, socket, ended } = await socketOnRealtime();
    const res = await call(base, 'POST', accessRoutes.changePassword.path, {
      headers: bearerHeaders(s),
      body: { currentPassword: a.password, newPassword: 'another-long-enough-one' },
    });
    expect(res.status).toBe(200);
    await closed(socket);
    expect(ended).toEqual([{ reason: 'revoked' }]);
  });

  it('ends the socket when an admin disables the account through the api instance', async () => {
    const { a, socket, ended } = await socketOnRealtime();
    const admin = await createAccount(api.database.db, { role: 'admin' });
    const as = await login(base, admin.username, admin.password);
    const res = await call(base, 'POST', accessRoutes.disableAccount.path.replace(':id', a.id), {
      headers: bearerHeaders(as),
      body: {},
    });
    expect(res.status).toBe(200);
    await closed(socket);
    expect(ended).toEqual([{ reason: 'revoked' }]);
  });

  it("ends the socket when another process's sweep expires the session", async () => {
    const { s, socket, ended } = await socketOnRealtime();
    const id = sessionIdOf(s.bearer);
    // Idle for two minutes as far as the database knows; the socket's own timer is a minute off.
    await api.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 2 * 60_000) })
      .where(eq(sessions.tokenHash, id));
    const sweeper = createSessionStore(api.database.db, systemClock, api.config);
    expect(await sweeper.sweepExpired()).toContain(id);
    await closed(socket);
    expect(ended).toHaveLength(1);
  });

  it('announces hundreds of sessions revoked at once in notices under 8000 bytes', async () => {
    const { a, s, socket, ended } = await socketOnRealtime();
    const store = createSessionStore(api.database.db, systemClock, api.config);
    await api.database.db.transaction(async (tx) => {
      for (let i = 0; i < 300; i++) await store.create(tx, a.id, 'api');
    });
    // A 300-id array is ~20 kB: one NOTIFY would be refused and the revocation rolled back.
    const ids = await api.database.db.transaction((tx) =>
      store.revokeAll(tx, a.id, 'password_changed'),
    );
    expect(ids.length).toBeGreaterThanOrEqual(302);
    expect(ids).toContain(sessionIdOf(s.bearer));
    await closed(socket);
    expect(ended).toEqual([{ reason: 'revoked' }]);
  });

  it('ends the socket of a session left idle, and records why it ended', async () => {
    const a = await createAccount(api.database.db, { role: 'observer' });
    const s = await login(base, a.username, a.password);
    const id = sessionIdOf(s.bearer);
    // Last used 55 s ago with a one-minute idle limit: the session ends in about 5 s.
    await api.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 55_000) })
      .where(eq(sessions.tokenHash, id));
    const socket = await open(gatewayClient(rt, { token: s.bearer }));
    const ended = record(socket, 'session:ended');
    await waitFor('the idle expiry to close the socket', () => !socket.connected, 10_000);
    expect(ended).toEqual([{ reason: 'expired' }]);
    const [row] = await api.database.db.select().from(sessions).where(eq(sessions.tokenHash, id));
    expect(row?.revokeReason).toBe('expired');
  });
});
