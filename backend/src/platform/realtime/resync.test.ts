import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZServerHello, type TAck } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../../testing/accounts.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  positionsOf,
  publishPosition,
  record,
  type TestSocket,
} from '../../testing/realtime.ts';
import { grants } from '../access/grants.ts';

describe('catching up after a reconnect', () => {
  let env: TestEnv;
  let m: Muster;
  let token: string;
  let watcher: TestSocket;
  let watched: ReturnType<typeof record<'map:positions'>>;

  /** Publishes a position and waits until the gateway has pushed it (seen by the watcher). */
  async function report(teamId: string, lon: number): Promise<number> {
    const before = watched.length;
    await publishPosition(m, { teamId, lon, lat: 29.8 });
    await waitFor('the push', () => positionsOf(watched.slice(before), teamId).length > 0);
    return watched.at(-1)!.seq;
  }

  async function connect(o: { reconnection?: boolean } = {}) {
    const socket = gatewayClient(m, { token, ...o });
    const hello = new Promise<unknown>((resolve) => socket.once('server:hello', resolve));
    await open(socket);
    return { socket, hello: ZServerHello.parse(await hello) };
  }

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(
      env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS, REALTIME_REPLAY_TICKS: '10' }),
    );
    const a = await createAccount(m.database.db, { role: 'observer' });
    token = (await login(`http://127.0.0.1:${m.port}`, a.username, a.password)).bearer;
    watcher = (await connect()).socket;
    watched = record(watcher, 'map:positions');
  });

  afterAll(async () => {
    watcher?.close();
    await m?.stop();
    await env?.cleanup();
  });

  it('replays what a client missed, projected for it, when it is still buffered', async () => {
    const [t1, t2] = [randomUUID(), randomUUID()];
    const { socket, hello } = await connect();
    const seen = record(socket, 'map:positions');
    await report(t1, 106.41111);
    await waitFor('the client to see it', () => seen.length > 0);
    const lastSeq = seen.at(-1)!.seq;
    expect(lastSeq).toBeGreaterThan(hello.seq);
    socket.close();

    await report(t1, 106.42222);
    const toSeq = await report(t2, 106.43333);

    const { socket: back } = await connect();
    const replays = record(back, 'sync:replay');
    const acks: TAck[] = [];
    back.emit('sync:resume', { epoch: hello.epoch, lastSeq }, (a) => acks.push(a));
    await waitFor('the replay', () => replays.length > 0);
    back.close();
    expect(acks).toEqual([{ ok: true }]);
    const r = replays[0]!;
    expect(r).toMatchObject({ epoch: hello.epoch, fromSeq: lastSeq, toSeq });
    // The latest of each team, coarse as an observer may see it.
    expect(r.positions.map((p) => [p.teamId, p.lon, p.precision]).sort()).toEqual(
      [
        [t1, 106.42, 'coarse'],
        [t2, 106.43, 'coarse'],
      ].sort(),
    );
  });

  it('sends a snapshot when the missed ticks are no longer held, or the epoch is another', async () => {
    const team = randomUUID();
    const { socket, hello } = await connect();
    const lastSeq = await report(team, 106.45555);
    socket.close();
    for (let i = 0; i < 12; i++) await report(team, 106.4 + i / 100);

    const { socket: back } = await connect();
    const snapshots = record(back, 'sync:snapshot');
    const replays = record(back, 'sync:replay');
    back.emit('sync:resume', { epoch: hello.epoch, lastSeq });
    await waitFor('a snapshot', () => snapshots.length > 0);
    expect(snapshots[0]!.seq).toBeGreaterThanOrEqual(lastSeq + 12);
    expect(positionsOf(snapshots, team)).toMatchObject([{ lon: 106.51, precision: 'coarse' }]);

    back.emit('sync:resume', { epoch: 'another-start', lastSeq: snapshots[0]!.seq });
    await waitFor('a second snapshot', () => snapshots.length > 1);
    expect(replays).toEqual([]);
    back.close();
  });

  it('never replays across an access change: the client gets a snapshot', async () => {
    const team = randomUUID();
    const { socket, hello } = await connect();
    const lastSeq = await report(team, 106.46666);
    socket.close();
    await grants.grant(m.database.db, {
      kind: 'deployment',
      incidentId: randomUUID(),
      teamId: team,
      at: new Date(),
    });
    await m.realtime!.refreshAccess();
    const { socket: back } = await connect();
    const snapshots = record(back, 'sync:snapshot');
    const replays = record(back, 'sync:replay');
    back.emit('sync:resume', { epoch: hello.epoch, lastSeq });
    await waitFor('a snapshot', () => snapshots.length > 0);
    expect(replays).toEqual([]);
    back.close();
  });

  it('recovers a dropped connection with Socket.IO connection state recovery', async () => {
    const team = randomUUID();
    const socket = gatewayClient(m, { token, reconnection: true });
    socket.io.reconnectionDelay(200);
    socket.io.randomizationFactor(0);
    await open(socket);
    const seen = record(socket, 'map:positions');
    await report(team, 106.47777);
    await waitFor('the first push', () => positionsOf(seen, team).length > 0);

    const reconnected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.io.engine.close(); // a dropped transport, not a log-out
    await report(team, 106.48888);
    await reconnected;
    await waitFor('the missed push', () => positionsOf(seen, team).some((p) => p.lon === 106.49));
    expect(socket.recovered).toBe(true);
    socket.close();
  });

  it('does not recover a connection across an access change (it connects afresh instead)', async () => {
    const socket = gatewayClient(m, { token, reconnection: true });
    socket.io.reconnectionDelay(300);
    socket.io.randomizationFactor(0);
    await open(socket);
    const reconnected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.io.engine.close();
    await grants.grant(m.database.db, {
      kind: 'deployment',
      incidentId: randomUUID(),
      teamId: randomUUID(),
      at: new Date(),
    });
    await m.realtime!.refreshAccess();
    await reconnected;
    expect(socket.recovered).toBe(false);
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
