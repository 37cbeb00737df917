// The fault run (`npm run chaos`, docs/proof.md): its own NATS (one server, or a 3-node cluster
// with replicated streams) and PostgreSQL, backend processes per role, a scripted load of real
// commands, faults injected while it runs, then the checker. Prints one closing line and writes
// tests/bench/results/<id>.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { runMigrations } from '../../backend/src/platform/db/migrate.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import { envInt, report, sleep } from '../bench/lib.ts';
import { BackendNode, type Roles } from './backend-node.ts';
import { check, pipelineLag } from './checker.ts';
import { FAULT_KINDS, inject, type Cast, type FaultKind } from './faults.ts';
import { ackedByKind, newTally, runLoad } from './load.ts';
import { MapClient, describeLayers, describeState, snapshotOf } from './map-client.ts';
import { NetworkNamespace, allowSubnet } from './netns.ts';
import { NatsNode, OwnPostgres } from './servers.ts';
import { FAULT_RUN_SETTINGS } from './settings.ts';
import { activeIncident, createChaosWorld, deployedTeam, standbyTeam } from './world.ts';

const log = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
const dataDir = path.resolve(process.env.CHAOS_DATA_DIR ?? 'data/chaos');
const natsNodes = envInt('CHAOS_NATS_NODES', 1);
const commands = envInt('CHAOS_COMMANDS', 10_000);
const faultCount = envInt('CHAOS_FAULTS', 21);
const concurrency = envInt('CHAOS_CONCURRENCY', 8);
const mapClients = envInt('CHAOS_MAP_CLIENTS', 20);
const only = (process.env.CHAOS_ONLY ?? '').split(',').filter(Boolean) as FaultKind[];
const kinds: readonly FaultKind[] =
  only.length > 0 ? only : natsNodes > 1 ? clusterKinds() : FAULT_KINDS;
const id = natsNodes > 1 ? 'R1-cluster' : 'R1';
/** How long each fault lasts before it is healed. */
const HOLD_MS: Record<FaultKind, number> = {
  kill_api: 1_000,
  kill_consumers: 1_000,
  kill_realtime: 1_000,
  kill_nats: 3_000,
  crash_postgres: 3_000,
  pause_consumers: 8_000,
  partition_nats: 10_000,
};
const RECOVERY_GOAL_S = 30;

function clusterKinds(): FaultKind[] {
  // On a cluster, a NATS node killed is the fault under test; the others stay in the mix.
  return [
    'kill_nats',
    'kill_consumers',
    'kill_api',
    'kill_nats',
    'pause_consumers',
    'kill_realtime',
  ];
}

async function main(): Promise<void> {
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    await run(stops);
  } finally {
    await stopAll();
  }
}

async function run(stops: (() => Promise<void> | void)[]): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();

  // A network namespace for one consumers process, for the partition; else said so. A run
  // without the partition makes none (its fixed addresses would clash with another run's).
  const ns = !kinds.includes('partition_nats')
    ? 'no partition in this run'
    : process.getuid?.() === 0
      ? NetworkNamespace.create()
      : 'not root';
  const netns = typeof ns === 'string' ? undefined : ns;
  const noNamespace = typeof ns === 'string' ? ns : '';
  if (netns) stops.push(() => netns.remove());
  log(
    netns
      ? `network namespace ${netns.name} for the partition`
      : `no network namespace (${noNamespace}): the partition fault pauses the process instead`,
  );

  for (let i = 1; i <= 3; i++)
    rmSync(path.join(dataDir, `nats-n${i}`), { recursive: true, force: true });
  const nats = await NatsNode.create(dataDir, natsNodes, netns ? '0.0.0.0' : '127.0.0.1');
  await Promise.all(nats.map((n) => n.start()));
  stops.push(() => Promise.all(nats.map((n) => n.stop())).then(() => undefined));
  const natsUrl = nats.map((n) => n.url).join(',');
  log(`nats: ${nats.length === 1 ? 'one server' : `a cluster of ${nats.length}`} at ${natsUrl}`);

  const pg = await OwnPostgres.start(dataDir, {
    listen: netns ? `127.0.0.1,${netns.hostIp}` : '127.0.0.1',
    ...(netns ? { beforeStart: allowSubnet } : {}),
  });
  stops.push(() => pg.stop());
  const dbName = `muster_chaos`;
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const databaseUrl = pg.adminUrl.replace(/\/postgres$/, `/${dbName}`);
  await runMigrations(databaseUrl);
  log(`postgres: ${databaseUrl.replace(/:[^:@/]+@/, ':***@')} (migrated)`);

  const k = () => randomBytes(32).toString('base64');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    MUSTER_NAMESPACE: 'chaos',
    LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
    STREAM_REPLICAS: String(Math.min(3, natsNodes)),
    DATA_KEYS: `chaos:${k()}`,
    DATA_KEY_ACTIVE: 'chaos',
    HMAC_KEY: k(),
    ...FAULT_RUN_SETTINGS,
  };
  const node = (name: string, roles: Roles) => BackendNode.create(name, roles, env);
  const cast: Cast = {
    api: [await node('api1', 'api'), await node('api2', 'api')],
    consumers: [await node('consumers1', 'consumers')],
    realtime: [await node('realtime1', 'realtime'), await node('realtime2', 'realtime')],
    nats,
    postgres: pg,
  };
  const c2 = await BackendNode.create(
    'consumers2',
    'consumers',
    env,
    netns
      ? {
          wrap: (argv) => netns.wrap(argv),
          address: netns.nsIp,
          env: {
            DATABASE_URL: databaseUrl.replace('127.0.0.1', netns.hostIp),
            NATS_URL: nats.map((n) => `nats://${netns.natsIp}:${n.port}`).join(','),
          },
        }
      : {},
  );
  cast.consumers.push(c2);
  if (netns) cast.partitionable = { node: c2, ns: netns };
  const all = [...cast.api, ...cast.consumers, ...cast.realtime];
  stops.push(() => Promise.all(all.map((n) => n.stop())).then(() => undefined));
  // One at a time: the first creates the streams, and two cores start them faster in turn.
  for (const n of all) await n.start();
  for (const n of all) n.supervised = true;
  log(`backends: ${all.map((n) => `${n.name} (${n.roles}) ${n.url}`).join(', ')}`);

  let rr = 0;
  const apiBase = () => {
    const up = cast.api.filter((n) => n.ready);
    return (up.length > 0 ? up : cast.api)[rr++ % Math.max(1, up.length || cast.api.length)]!.url;
  };
  const world = await createChaosWorld({ databaseUrl, base: apiBase });
  stops.push(() => world.close());
  const incident = await activeIncident(world, '嘉陵江北碚段洪水（故障演练）');
  const reporters = [];
  for (let i = 1; i <= 3; i++) reporters.push(await deployedTeam(world, incident, i));
  const standby = [];
  for (let i = 1; i <= 2; i++) standby.push(await standbyTeam(world, i));
  log(
    `setup: incident ${incident}, ${reporters.length} deployed teams reporting positions, ${standby.length} teams on standby for call-ups`,
  );

  const clients = Array.from(
    { length: mapClients },
    (_, i) =>
      new MapClient(
        () => cast.realtime.map((n) => n.url),
        world.token(i % 2 === 0 ? 'commander' : 'duty'),
        i,
      ),
  );
  for (const c of clients) c.open();
  stops.push(() => clients.forEach((c) => c.close()));

  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  stops.push(() => sql.end());
  const nc = await connect({ servers: natsUrl.split(','), maxReconnectAttempts: -1 });
  stops.push(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const lag = async () => {
    try {
      return await pipelineLag(sql, jsm, 'CHAOS_EVENTS');
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  };

  let paused = true;
  /** Commands the load may have sent by now: each fault's share, released as the run goes. */
  let budget = 0;
  let stopped = false;
  const live = newTally();
  const tallyOf = () => live;
  const load = runLoad({
    tally: live,
    world,
    incidentId: incident,
    reporters,
    standby,
    concurrency,
    commands,
    stop: () => stopped,
    paused: () => paused || live.sent >= budget,
    timeoutMs: 15_000,
  });
  const perFault = Math.ceil(commands / faultCount);
  const faults: {
    n: number;
    kind: FaultKind;
    target: string;
    held_ms: number;
    recovery_s: number;
  }[] = [];

  for (let i = 0; i < faultCount; i++) {
    const kind = kinds[i % kinds.length]!;
    const goal = Math.min(commands, (i + 1) * perFault);
    budget = goal;
    paused = false;
    await waitFor(
      'load before the fault',
      () => tallyOf().sent >= goal - perFault * 0.6,
      120_000,
      50,
    );
    const fault = await inject(kind, Math.floor(i / kinds.length), cast);
    const t0 = Date.now();
    await sleep(HOLD_MS[kind]);
    await fault.heal();
    const healedAt = Date.now();
    await waitFor('load after the heal', () => tallyOf().sent >= goal, 120_000, 50).catch(
      () => undefined,
    );
    paused = true;
    await waitFor('answers to what is in flight', () => tallyOf().inflight === 0, 60_000, 50);
    let caughtUp = Number.NaN;
    try {
      await waitFor('the pipeline to catch up', async () => (await lag()) === 0, 120_000, 100);
      caughtUp = (Date.now() - healedAt) / 1000;
    } catch {
      log(`fault ${i + 1}: the pipeline did not catch up within 120 s`);
    }
    faults.push({
      n: i + 1,
      kind,
      target: fault.target,
      held_ms: healedAt - t0,
      recovery_s: caughtUp,
    });
    log(
      `fault ${i + 1}/${faultCount} ${kind} on ${fault.target}: held ${healedAt - t0} ms, caught up ${caughtUp.toFixed(1)} s after the heal; ${tallyOf().acked.length}/${tallyOf().sent} commands acknowledged, refused ${JSON.stringify(tallyOf().refused)}`,
    );
  }
  budget = commands;
  paused = false;
  await waitFor('the rest of the load', () => live.sent >= commands, 300_000, 50).catch(
    () => undefined,
  );
  stopped = true;
  const tally = await load;
  await waitFor('the pipeline to catch up', async () => (await lag()) === 0, 120_000, 100).catch(
    () => log('the pipeline did not catch up within 120 s of the end of the load'),
  );

  // Map clients: every one connected again and showing what a fresh client of its instance gets.
  await waitFor(
    'every map client to be connected',
    () => clients.every((c) => c.connected),
    60_000,
  ).catch(() => undefined);
  await sleep(1_000);
  let diverged = 0;
  let layerItems = 0;
  for (const [i, c] of clients.entries()) {
    const token = world.token(i % 2 === 0 ? 'commander' : 'duty');
    const server = c.connectedTo ? await snapshotOf(c.connectedTo, token) : undefined;
    const want = server
      ? { positions: describeState(server.positions), layers: describeLayers(server.layers) }
      : {};
    const got = { positions: describeState(c.state), layers: describeLayers(c.layers) };
    layerItems = Math.max(layerItems, c.layers.size);
    if (!server || JSON.stringify(want) !== JSON.stringify(got)) {
      diverged++;
      log(
        `map client ${i}: diverged\n  holds ${JSON.stringify(got).slice(0, 2000)}\n  server ${JSON.stringify(want).slice(0, 2000)}`,
      );
    }
  }
  const crashes = all.flatMap((n) => n.crashes.map((c) => ({ node: n.name, ...c })));
  for (const c of crashes)
    log(
      `crash: ${c.node} exited (code ${c.code}, signal ${c.signal}) at ${c.at}: ${firstError(c.tail)}`,
    );
  const checked = await check({ databaseUrl, natsUrl, namespace: 'chaos', acked: tally.acked });
  for (const d of checked.details) log(`check: ${d}`);
  const byKind = ackedByKind(tally.acked);
  log(
    `acknowledged by kind: ${Object.entries(byKind)
      .map(([k, n]) => `${k}=${n}`)
      .join(' ')}`,
  );
  const recoveries = faults.map((f) => f.recovery_s);
  const maxRecovery = recoveries.some(Number.isNaN) ? Number.NaN : Math.max(...recoveries);
  const figures = {
    commands: tally.sent,
    acknowledged: tally.acked.length,
    faults: faults.length,
    lost: checked.lost,
    duplicated: checked.duplicated,
    unapplied: checked.unapplied,
    dead_lettered: checked.dead_lettered,
    max_recovery_s: maxRecovery,
    map_clients: clients.length,
    map_diverged: diverged,
    map_layer_items: layerItems,
    map_reconnects: clients.reduce((s, c) => s + c.reconnects, 0),
    /** Backend exits nobody asked for (restarted by the run, as a supervisor would). */
    crashes: crashes.length,
  };
  const pass =
    figures.commands >= 10_000 &&
    figures.faults >= 20 &&
    checked.lost === 0 &&
    checked.duplicated === 0 &&
    checked.unapplied === 0 &&
    checked.dead_lettered === 0 &&
    maxRecovery <= RECOVERY_GOAL_S &&
    diverged === 0;
  await report({
    id,
    figures,
    baseline: {},
    goal: {
      text: `commands>=10000 faults>=20 lost=0 duplicated=0 unapplied=0 recovery<=${RECOVERY_GOAL_S}s map_diverged=0`,
      checks: [],
    },
    pass,
    details: {
      nats_nodes: natsNodes,
      stream_replicas: Math.min(3, natsNodes),
      partition: netns
        ? 'network namespace, blackhole route to NATS'
        : `unavailable (${noNamespace}): SIGSTOP instead`,
      refused: tally.refused,
      acknowledged_by_kind: byKind,
      events: checked.events,
      consumers: checked.consumers,
      faults,
      crashes,
      check_details: checked.details,
      seconds: Math.round((Date.now() - started) / 1000),
    },
  });
  process.exitCode = pass ? 0 : 1;
}

/** The line of a process's last output that names the error. */
function firstError(tail: string): string {
  const lines = tail.split('\n');
  return (lines.find((l) => /Error|error/.test(l) && !l.startsWith('{')) ?? lines.at(-3) ?? '')
    .trim()
    .slice(0, 300);
}

await main();
