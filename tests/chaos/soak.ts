// The soak run (`npm run soak`, docs/proof.md): one backend process (every role) on NATS and
// PostgreSQL of its own under ./data/soak, HTTP load from autocannon (reads and probe writes, at a
// fixed rate), hundreds of live map clients, positions of deployed teams, for SOAK_MINUTES (10).
// Memory, event-loop lag and pipeline lag are sampled every 5 s and drawn in
// tests/bench/results/soak.html; the closing line gives memory minute-last ÷ minute-1 and the
// event-loop lag p99. Then the scale figure: probe events applied per second by one consumers
// process, then by two, on the same machine in the same run.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { runMigrations } from '../../backend/src/platform/db/migrate.ts';
import { waitFor } from '../../backend/src/testing/processes.ts';
import { envInt, median, percentile, report, sleep } from '../bench/lib.ts';
import { BackendNode, type Roles } from './backend-node.ts';
import { htmlPage, lineChart } from './charts.ts';
import { pipelineLag } from './checker.ts';
import { MapClient } from './map-client.ts';
import { NatsNode, OwnPostgres } from './servers.ts';
import { FAULT_RUN_SETTINGS } from './settings.ts';
import { activeIncident, createChaosWorld, deployedTeam } from './world.ts';

const log = (line: string) => process.stdout.write(`[soak] ${line}\n`);
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const sockets = envInt('SOAK_SOCKETS', 300);
const rate = envInt('SOAK_RATE', 150);
const scaleEvents = envInt('SOAK_SCALE_EVENTS', 20_000);
const dataDir = path.resolve(process.env.SOAK_DATA_DIR ?? 'data/soak');
const SAMPLE_MS = 5_000;

interface Sample {
  t: number;
  rssMb: number;
  heapMb: number;
  lagP99Ms: number;
  pipelineLag: number;
  connected: number;
}

/** One gauge of a Prometheus text page. */
function gauge(page: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(page);
  return m ? Number(m[1]) : Number.NaN;
}

async function main(): Promise<void> {
  const stops: (() => Promise<unknown> | void)[] = [];
  try {
    await run(stops);
  } finally {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
  }
}

async function run(stops: (() => Promise<unknown> | void)[]): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  rmSync(path.join(dataDir, 'nats-n1'), { recursive: true, force: true });
  const [nats] = await NatsNode.create(dataDir, 1);
  await nats!.start();
  stops.push(() => nats!.stop());
  const pg = await OwnPostgres.start(dataDir);
  stops.push(() => pg.stop());
  const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists muster_soak with (force)`);
  await admin.unsafe(`create database muster_soak`);
  await admin.end();
  const databaseUrl = pg.adminUrl.replace(/\/postgres$/, '/muster_soak');
  await runMigrations(databaseUrl);
  const k = () => randomBytes(32).toString('base64');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    NATS_URL: nats!.url,
    MUSTER_NAMESPACE: 'soak',
    LOG_LEVEL: 'warn',
    DATA_KEYS: `soak:${k()}`,
    DATA_KEY_ACTIVE: 'soak',
    HMAC_KEY: k(),
    ...FAULT_RUN_SETTINGS,
    REALTIME_TICK_MS: '200',
  };
  const node = await BackendNode.create('soak1', 'api,consumers,realtime', env);
  await node.start();
  stops.push(() => node.stop());
  const world = await createChaosWorld({ databaseUrl, base: () => node.url });
  stops.push(() => world.close());
  const incident = await activeIncident(world, '嘉陵江北碚段洪水（长时运行）');
  const reporters = [
    await deployedTeam(world, incident, 1),
    await deployedTeam(world, incident, 2),
  ];
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  stops.push(() => sql.end());
  const nc = await connect({ servers: nats!.url });
  stops.push(() => nc.close());
  const jsm = await jetstreamManager(nc);

  const clients = Array.from(
    { length: sockets },
    (_, i) => new MapClient(() => [node.url], world.token(i % 2 ? 'commander' : 'duty'), i),
  );
  for (const c of clients) {
    c.open();
    await sleep(5);
  }
  stops.push(() => clients.forEach((c) => c.close()));
  log(`${sockets} map clients, HTTP at ${rate} requests/s, for ${minutes} min`);

  const started = Date.now();
  const until = started + minutes * 60_000;
  let stop = false;
  // Positions: each deployed member every 2.5 s (the server takes one per 2 s).
  const positions = (async () => {
    while (!stop) {
      for (const r of reporters)
        await world
          .as(r.member, 'POST', '/api/forces/positions', {
            lon: 106.437 + Math.random() / 100,
            lat: 29.825 + Math.random() / 100,
            accuracyM: 10,
            reportedAt: new Date().toISOString(),
          })
          .catch(() => undefined);
      await sleep(2_500);
    }
  })();
  const load = autocannon({
    url: node.url,
    connections: 10,
    overallRate: rate,
    duration: minutes * 60,
    headers: {
      authorization: `Bearer ${world.token('admin')}`,
      'content-type': 'application/json',
    },
    requests: [
      { method: 'GET', path: '/api/response/incidents' },
      { method: 'POST', path: '/api/system/probes', body: JSON.stringify({ count: 1 }) },
      { method: 'GET', path: '/api/monitoring/warnings' },
    ],
  });
  const samples: Sample[] = [];
  while (Date.now() < until) {
    await sleep(SAMPLE_MS);
    const page = await fetch(`${node.url}/metrics`)
      .then((r) => r.text())
      .catch(() => '');
    samples.push({
      t: (Date.now() - started) / 60_000,
      rssMb: gauge(page, 'process_resident_memory_bytes') / 1_048_576,
      heapMb: gauge(page, 'nodejs_heap_size_used_bytes') / 1_048_576,
      lagP99Ms: gauge(page, 'nodejs_eventloop_lag_p99_seconds') * 1000,
      pipelineLag: await pipelineLag(sql, jsm, 'SOAK_EVENTS').catch(() => Number.NaN),
      connected: clients.filter((c) => c.connected).length,
    });
  }
  const result = await load;
  stop = true;
  await positions;

  const inMinute = (m: number) => samples.filter((s) => s.t > m - 1 && s.t <= m);
  const last = Math.max(1, Math.floor(samples.at(-1)?.t ?? 1));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const rss1 = mean(inMinute(1).map((s) => s.rssMb));
  const rssLast = mean(inMinute(last).map((s) => s.rssMb));
  const lags = samples.map((s) => s.lagP99Ms).filter((v) => !Number.isNaN(v));

  // Scale: probe events applied per second by one consumers process, then by two.
  const scale = await measureScale({ env, databaseUrl, sql, world, stops });

  const figures = {
    minutes: Math.round(((Date.now() - started) / 60_000) * 10) / 10,
    memory_ratio_last_vs_first: rssLast / rss1,
    rss_mb_minute_1: rss1,
    rss_mb_last_minute: rssLast,
    eventloop_lag_p99_ms: percentile(lags, 99),
    http_requests: result.requests.total,
    http_p99_ms: result.latency.p99,
    http_non2xx: result.non2xx,
    http_errors: result.errors,
    sockets_connected_at_end: clients.filter((c) => c.connected).length,
    max_pipeline_lag: Math.max(...samples.map((s) => s.pipelineLag).filter(Number.isFinite)),
    events_per_s_1_instance: scale.one,
    events_per_s_2_instances: scale.two,
    ratio_2_vs_1_instances: scale.two / scale.one,
  };
  const charts = [
    lineChart('Memory of the backend process', 'MB', [
      { name: 'resident (RSS)', colour: '#c0392b', points: samples.map((s) => [s.t, s.rssMb]) },
      { name: 'V8 heap used', colour: '#2980b9', points: samples.map((s) => [s.t, s.heapMb]) },
    ]),
    lineChart('Event-loop lag, p99 per 5 s', 'ms', [
      { name: 'p99', colour: '#8e44ad', points: samples.map((s) => [s.t, s.lagP99Ms]) },
    ]),
    lineChart('Pipeline lag: unsent outbox rows + consumer backlog', 'events', [
      { name: 'lag', colour: '#27ae60', points: samples.map((s) => [s.t, s.pipelineLag]) },
    ]),
    lineChart('Map clients connected', 'sockets', [
      { name: 'connected', colour: '#d35400', points: samples.map((s) => [s.t, s.connected]) },
    ]),
  ];
  const results = new URL('../bench/results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  writeFileSync(
    new URL('soak.html', results),
    htmlPage(
      `Muster soak: ${figures.minutes} min, ${sockets} sockets, ${rate} HTTP/s`,
      figures,
      charts,
    ),
  );
  await report({
    id: 'SOAK',
    figures,
    baseline: {},
    goal: {
      text: 'memory_ratio<=1.2 eventloop_p99<=100ms',
      checks: [
        { figure: 'memory_ratio_last_vs_first', op: '<=', value: 1.2 },
        { figure: 'eventloop_lag_p99_ms', op: '<=', value: 100 },
      ],
    },
    pass: figures.memory_ratio_last_vs_first <= 1.2 && figures.eventloop_lag_p99_ms <= 100,
    details: { samples, scale_runs: scale.runs },
  });
  log('report: tests/bench/results/soak.html');
}

/**
 * Fills the stream with probe events while the consumers processes are stopped (SIGSTOP), then
 * lets them go at once and times until every event is applied; with one process, then two.
 */
async function measureScale(o: {
  env: Record<string, string>;
  databaseUrl: string;
  sql: postgres.Sql;
  world: Awaited<ReturnType<typeof createChaosWorld>>;
  stops: (() => Promise<unknown> | void)[];
}): Promise<{ one: number; two: number; runs: Record<string, number[]> }> {
  const env = { ...o.env, MUSTER_NAMESPACE: 'scale' };
  const mk = (name: string, roles: Roles) => BackendNode.create(name, roles, env);
  const api = await mk('scale-api', 'api');
  const c1 = await mk('scale-c1', 'consumers');
  const c2 = await mk('scale-c2', 'consumers');
  o.stops.push(() => Promise.all([api.stop(), c1.stop(), c2.stop()]));
  await api.start();
  await c1.start();
  const scaleWorld = await createChaosWorld({ databaseUrl: o.databaseUrl, base: () => api.url });
  o.stops.push(() => scaleWorld.close());
  const receipts = async () =>
    (await o.sql<{ n: number }[]>`select count(*)::int as n from probe_receipts`)[0]!.n;
  const once = async (nodes: BackendNode[]) => {
    for (const n of nodes) await n.signal('SIGSTOP');
    const before = await receipts();
    for (let sent = 0; sent < scaleEvents; sent += 1000)
      await scaleWorld.as('admin', 'POST', '/api/system/probes', { count: 1000 });
    await waitFor(
      'the outbox to be published',
      async () => {
        const [r] = await o.sql<
          { n: number }[]
        >`select count(*)::int as n from outbox where sent_at is null`;
        return r?.n === 0;
      },
      300_000,
      200,
    );
    const t0 = performance.now();
    for (const n of nodes) await n.signal('SIGCONT');
    await waitFor(
      'every probe to be applied',
      async () => (await receipts()) - before >= scaleEvents,
      600_000,
      100,
    );
    return scaleEvents / ((performance.now() - t0) / 1000);
  };
  const runs: Record<string, number[]> = { one: [], two: [] };
  for (let i = 0; i < 2; i++) runs.one!.push(await once([c1]));
  await c2.start();
  for (let i = 0; i < 2; i++) runs.two!.push(await once([c1, c2]));
  log(`scale: ${JSON.stringify(runs)} events/s`);
  return { one: median(runs.one!), two: median(runs.two!), runs };
}

await main();
