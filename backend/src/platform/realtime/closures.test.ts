import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZServerHello, type Role } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../../testing/accounts.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  positionsOf,
  publishIncidentClosed,
  publishPosition,
  record,
  settle,
  type TestSocket,
} from '../../testing/realtime.ts';
import { grants } from '../access/grants.ts';

describe("a closed incident's live positions", () => {
  let env: TestEnv;
  let m: Muster;
  const sockets: TestSocket[] = [];

  async function connect(role: Role, o: { teamId?: string; reconnection?: boolean } = {}) {
    const a = await createAccount(m.database.db, {
      role,
      ...(o.teamId ? { teamId: o.teamId } : {}),
    });
    const s = await login(`http://127.0.0.1:${m.port}`, a.username, a.password);
    const socket = gatewayClient(m, {
      token: s.bearer,
      ...(o.reconnection ? { reconnection: true } : {}),
    });
    const hello = new Promise<unknown>((resolve) => socket.once('server:hello', resolve));
    await open(socket);
    sockets.push(socket);
    return { socket, hello: ZServerHello.parse(await hello), accountId: a.id };
  }

  /** Positions of an incident anywhere in what a socket was sent. */
  const ofIncident = (batches: readonly { positions: { incidentId?: string }[] }[], id: string) =>
    batches.flatMap((b) => b.positions.filter((p) => p.incidentId === id));

  /** Packets Socket.IO keeps for connection state recovery (private to its adapter). */
  const buffered = () =>
    JSON.stringify(
      (m.realtime!.io.of('/').adapter as unknown as { packets: { data: unknown }[] }).packets.map(
        (p) => p.data,
      ),
    );

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS }));
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await m?.stop();
    await env?.cleanup();
  });

  it("are forgotten and cleared from the maps that showed them when it closes; another incident's remain", async () => {
    const [I, J] = [randomUUID(), randomUUID()];
    const [tA, tB, tC] = [randomUUID(), randomUUID(), randomUUID()];
    const db = m.database.db;
    const commander = await connect('commander');
    const at = new Date();
    await grants.grant(db, { kind: 'command', incidentId: I, accountId: commander.accountId, at });
    for (const teamId of [tA, tB])
      await grants.grant(db, { kind: 'deployment', incidentId: I, teamId, at });
    await grants.grant(db, { kind: 'deployment', incidentId: J, teamId: tC, at });
    await m.realtime!.refreshAccess();
    const observer = await connect('observer');
    const memberC = await connect('team_member', { teamId: tC });
    const seen = record(observer.socket, 'map:positions');
    const seenByCommander = record(commander.socket, 'map:positions');

    await publishPosition(m, { teamId: tA, incidentId: I, lon: 106.41111, lat: 29.81111 });
    await publishPosition(m, { teamId: tB, incidentId: I, lon: 106.42222, lat: 29.82222 });
    await publishPosition(m, { teamId: tC, incidentId: J, lon: 106.43333, lat: 29.83333 });
    await waitFor('the observer to see all three', () =>
      [tA, tB, tC].every((t) => positionsOf(seen, t).length > 0),
    );
    await waitFor('the commander to see A exact', () =>
      positionsOf(seenByCommander, tA).some((p) => p.precision === 'exact'),
    );
    const lastSeq = seen.at(-1)!.seq;
    expect(buffered()).toContain(I);

    const cleared = [observer, commander, memberC].map((c) => record(c.socket, 'sync:snapshot'));
    const [observerCleared, commanderCleared, memberCleared] = cleared;
    await publishIncidentClosed(m, I);
    await waitFor('the observer map replaced', () => observerCleared!.length > 0, 5_000);
    await waitFor('the commander map replaced', () => commanderCleared!.length > 0, 5_000);
    expect(ofIncident(observerCleared!, I)).toEqual([]);
    expect(positionsOf(observerCleared!, tC)).toMatchObject([{ incidentId: J }]);
    expect(ofIncident(commanderCleared!, I)).toEqual([]);
    // A room that never showed them is not disturbed.
    await settle();
    expect(memberCleared).toEqual([]);
    // Nor does Socket.IO's recovery buffer keep them.
    expect(buffered()).not.toContain(I);
    expect(buffered()).toContain(J);

    // A fresh map, and one resuming from before the close, get neither.
    const fresh = await connect('observer');
    const freshSnapshots = record(fresh.socket, 'sync:snapshot');
    fresh.socket.emit('map:subscribe', {});
    await waitFor('a fresh snapshot', () => freshSnapshots.length > 0);
    expect(ofIncident(freshSnapshots, I)).toEqual([]);
    expect(positionsOf(freshSnapshots, tC)).toHaveLength(1);

    const back = await connect('observer');
    const resynced = record(back.socket, 'sync:snapshot');
    const replays = record(back.socket, 'sync:replay');
    back.socket.emit('sync:resume', { epoch: observer.hello.epoch, lastSeq });
    await waitFor('the resync', () => resynced.length > 0);
    expect(replays).toEqual([]);
    expect(ofIncident(resynced, I)).toEqual([]);
    expect(positionsOf(resynced, tC)).toHaveLength(1);

    // A late report of the closed incident is not shown again.
    const after = seen.length;
    await publishPosition(m, { teamId: tA, incidentId: I, lon: 106.44444, lat: 29.84444 });
    await publishPosition(m, { teamId: tC, incidentId: J, lon: 106.45888, lat: 29.85888 });
    await waitFor('the next report of J', () =>
      positionsOf(seen.slice(after), tC).some((p) => p.lon === 106.46),
    );
    expect(ofIncident(seen.slice(after), I)).toEqual([]);
    const dropped = await m.metrics.realtimeDropped.get();
    expect(dropped.values.find((v) => v.labels.reason === 'incident_closed')?.value).toBe(1);
  });

  it('does not recover a connection dropped before the close: it connects afresh and resyncs without it', async () => {
    const K = randomUUID();
    const team = randomUUID();
    const { socket } = await connect('observer', { reconnection: true });
    socket.io.reconnectionDelay(1500);
    socket.io.randomizationFactor(0);
    const seen = record(socket, 'map:positions');
    await publishPosition(m, { teamId: team, incidentId: K, lon: 106.47777, lat: 29.87777 });
    await waitFor('the position', () => positionsOf(seen, team).length > 0);

    const reconnected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const id = socket.id!;
    socket.io.engine.close(); // a dropped transport, not a log-out
    // (Closed while the server still held the socket, its snapshot would be recovered with it.)
    await waitFor('the server to notice', () => !m.realtime!.io.of('/').sockets.has(id), 1_000);
    await publishIncidentClosed(m, K);
    await waitFor('the close to be handled', () => !buffered().includes(K), 1_000);
    await reconnected;
    // Recovered, it would keep K on its map: the missed packets cannot take anything off.
    expect(socket.recovered).toBe(false);
    const snapshots = record(socket, 'sync:snapshot');
    socket.emit('sync:resume', { epoch: m.realtime!.epoch, lastSeq: seen.at(-1)!.seq });
    await waitFor('the resync', () => snapshots.length > 0);
    expect(ofIncident(snapshots, K)).toEqual([]);
  });
});
