import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { createTestEnv, type TestEnv } from '../../backend/src/testing/env.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import { BackendNode } from '../chaos/backend-node.ts';
import { check, pipelineLag } from '../chaos/checker.ts';
import { runLoad, type Acked } from '../chaos/load.ts';
import { MapClient, describeLayers, describeState, snapshotOf } from '../chaos/map-client.ts';
import { FAULT_RUN_SETTINGS } from '../chaos/settings.ts';
import { activeIncident, createChaosWorld, deployedTeam, type ChaosWorld } from '../chaos/world.ts';

/**
 * Two backend processes, every role each, on one NATS and one PostgreSQL (this file's own
 * database and namespace), as a deployment behind a load balancer runs them.
 */
describe('several backend instances', () => {
  let env: TestEnv;
  let a: BackendNode;
  let b: BackendNode;
  let world: ChaosWorld;
  let sql: postgres.Sql;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let target = '';
  let team: { teamId: string; member: string };
  const acked: Acked[] = [];

  const settle = async (what: string) => {
    const stream = `${env.namespace.toUpperCase()}_EVENTS`;
    try {
      await waitFor(what, async () => (await pipelineLag(sql, jsm, stream)) === 0, 90_000, 200);
    } catch (err) {
      // Say what is behind: unsent outbox rows, or which consumer holds what.
      const unsent =
        await sql`select type, attempts, last_error from outbox where sent_at is null limit 5`;
      const behind = [];
      for await (const c of jsm.consumers.list(stream))
        if (c.config.durable_name && c.num_pending + c.num_ack_pending > 0)
          behind.push(`${c.name}: ${c.num_pending} pending, ${c.num_ack_pending} unacknowledged`);
      throw new Error(`${String(err)}; unsent ${JSON.stringify(unsent)}; ${behind.join('; ')}`);
    }
  };
  const checkNothingLost = async () => {
    const r = await check({
      databaseUrl: env.databaseUrl,
      natsUrl: env.natsUrl,
      namespace: env.namespace,
      acked,
    });
    expect(r.details).toEqual([]);
    expect(r).toMatchObject({ lost: 0, duplicated: 0, unapplied: 0, dead_lettered: 0 });
    return r;
  };
  const report = (lon: number) =>
    world.as(team.member, 'POST', '/api/forces/positions', {
      lon,
      lat: 29.83,
      accuracyM: 5,
      reportedAt: new Date().toISOString(),
    });

  beforeAll(async () => {
    env = await createTestEnv();
    const vars: Record<string, string> = {
      NODE_ENV: 'test',
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      MUSTER_NAMESPACE: env.namespace,
      LOG_LEVEL: 'warn',
      ARGON2_MEMORY_KIB: '1024',
      ...env.keys,
      ...FAULT_RUN_SETTINGS,
    };
    [a, b] = await Promise.all([
      BackendNode.create('a', 'api,consumers,realtime', vars),
      BackendNode.create('b', 'api,consumers,realtime', vars),
    ]);
    await Promise.all([a.start(), b.start()]);
    target = a.url;
    world = await createChaosWorld({ databaseUrl: env.databaseUrl, base: () => target });
    sql = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
    nc = await connect({ servers: env.natsUrl });
    jsm = await jetstreamManager(nc);
    const incident = await activeIncident(world, '嘉陵江北碚段洪水（多实例）');
    team = await deployedTeam(world, incident, 1);
  }, 240_000);

  afterAll(async () => {
    await nc?.close();
    await sql?.end();
    await world?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await env?.cleanup();
  });

  it('handles each event once per module, whichever instance took the command', async () => {
    for (const node of [a, b]) {
      target = node.url;
      const t = await runLoad({
        world,
        reporters: [],
        concurrency: 3,
        commands: 60,
        stop: () => false,
      });
      expect(t.refused).toEqual({});
      acked.push(...t.acked);
    }
    await settle('both instances to catch up');
    const r = await checkNothingLost();
    expect(r.consumers).toBeGreaterThan(5);
  }, 180_000);

  it('shows on a socket of instance A a position reported through instance B', async () => {
    const client = new MapClient(() => [a.url], world.token('commander'));
    client.open();
    try {
      await waitFor('the map client to connect to A', () => client.connectedTo === a.url);
      target = b.url;
      expect((await report(106.4411)).status).toBe(200);
      await waitFor('the position on the map of A', () =>
        [...client.state.values()].some((p) => p.teamId === team.teamId && p.lon === 106.4411),
      );
    } finally {
      client.close();
    }
  });

  it('loses nothing when instance A is killed (SIGKILL); its map client moves to B and resyncs', async () => {
    const client = new MapClient(() => [a.url, b.url], world.token('commander'));
    client.open();
    try {
      await waitFor('the map client to connect to A', () => client.connectedTo === a.url);
      target = a.url;
      let stop = false;
      const load = runLoad({
        world,
        reporters: [],
        concurrency: 3,
        commands: 10_000,
        stop: () => stop,
      });
      await new Promise((r) => setTimeout(r, 1_500));
      await a.kill();
      target = b.url;
      await new Promise((r) => setTimeout(r, 1_500));
      stop = true;
      const t = await load;
      // Commands were taken before and after the kill (the ones in flight to A were refused).
      expect(t.acked.length).toBeGreaterThan(10);
      acked.push(...t.acked);
      await waitFor('the map client to reconnect to B', () => client.connectedTo === b.url);
      expect(client.resyncs).toBe(1);
      await new Promise((r) => setTimeout(r, 2_100));
      expect((await report(106.4433)).status).toBe(200);
      await waitFor('the new position on the map, through B', () =>
        [...client.state.values()].some((p) => p.teamId === team.teamId && p.lon === 106.4433),
      );
      const server = await snapshotOf(b.url, world.token('commander'));
      expect(describeState(client.state)).toEqual(describeState(server.positions));
      expect(describeLayers(client.layers)).toEqual(describeLayers(server.layers));
      await settle('B to take over what A held');
      await checkNothingLost();
    } finally {
      client.close();
    }
  }, 180_000);
});
