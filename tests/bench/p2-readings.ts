// P2 — sensor readings through NATS → rules → stored. Sustained readings/s; reading → threshold
// event p99 under a steady background load; beside raw JetStream publish + consume of the same
// messages in the same run. Goal: >= 10,000 readings/s, p99 <= 200 ms, >= 0.5x the raw rate.
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { startMuster } from '../../backend/src/app.ts';
import {
  createBenchEnv,
  envInt,
  formatFigures,
  medianOfRuns,
  meetsGoal,
  percentile,
  report,
  sleep,
  type BenchEnv,
  type Goal,
} from './lib.ts';

const RUNS = envInt('BENCH_RUNS', 3);
/** Readings per throughput (and raw) measurement. */
const READINGS = envInt('BENCH_P2_READINGS', 100_000);
/** Points the load is spread over; each has a sustained rule the load stays under. */
const POINTS = envInt('BENCH_P2_POINTS', 500);
/** Crossings timed in the latency phase, one every 20 ms under the background load. */
const CROSSINGS = envInt('BENCH_P2_CROSSINGS', 300);
const BACKGROUND_PER_S = 2_000;
/** Sensors publish in bursts of this many, then flush: what a busy site gateway sends. */
const BURST = 1_000;
const TIMEOUT_MS = 120_000;

const GOAL: Goal = {
  text: '>=10000/s p99<=200 ratio>=0.5',
  checks: [
    { figure: 'readings/s', op: '>=', value: 10_000 },
    { figure: 'p99_ms', op: '<=', value: 200 },
    { figure: 'ratio_vs_raw', op: '>=', value: 0.5 },
  ],
};

/** Points and rules straight into the tables (the bench measures readings, not registration). */
async function seed(sql: postgres.Sql, n: number, threshold: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await sql`insert into monitoring_points (id, name, kind, unit, lon, lat, area_code, department_id,
              heartbeat_s, status, created_at, updated_at)
            select id, 'bench', 'river_level', 'm', 106.44, 29.83, '500109001', 'water', 60,
                   'offline', now(), now() from unnest(${ids}::uuid[]) as id`;
  await sql`insert into monitoring_rules (id, name, point_id, kind, level, category, trigger, threshold,
              sustain_s, hysteresis, clear_after_s, enabled, created_by, created_at, updated_at)
            select gen_random_uuid(), 'bench', id, null, 'yellow', 'flood', 'sustained', ${threshold},
                   0, 0.5, 600, true, gen_random_uuid(), now(), now() from unnest(${ids}::uuid[]) as id`;
  return ids;
}

const message = (t: number, value: number) =>
  JSON.stringify({ observedAt: new Date(t).toISOString(), value, unit: 'm' });

async function publishAll(
  nc: NatsConnection,
  subjects: (i: number) => string,
  n: number,
  payload: (i: number) => string,
) {
  for (let i = 0; i < n; i += BURST) {
    for (let k = i; k < Math.min(n, i + BURST); k++) nc.publish(subjects(k), payload(k));
    await nc.flush();
  }
}

async function storedCount(sql: postgres.Sql): Promise<number> {
  const [r] = await sql<{ n: number }[]>`select count(*)::int as n from monitoring_readings`;
  return r!.n;
}

/** Readings/s = N ÷ (first publish → the N-th stored), stored seen by polling every 20 ms. */
async function throughput(
  env: BenchEnv,
  nc: NatsConnection,
  sql: postgres.Sql,
  ids: string[],
  base: number,
) {
  const before = await storedCount(sql);
  const t0 = Date.now() - 3_600_000;
  const start = performance.now();
  await publishAll(
    nc,
    (i) => `${env.namespace}.monitoring.reading.${ids[i % ids.length]}`,
    READINGS,
    (i) => message(t0 + base + Math.floor(i / ids.length) * 1000, 180 + (i % 7) * 0.1),
  );
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const n = (await storedCount(sql)) - before;
    if (n >= READINGS) return (READINGS / (performance.now() - start)) * 1000;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${READINGS} readings stored`);
    await sleep(20);
  }
}

/** Crossing readings on fresh points while background readings flow; time to the crossed event. */
async function latency(env: BenchEnv, nc: NatsConnection, ids: string[], hot: string[]) {
  const sent = new Map<string, number>();
  const got: number[] = [];
  const sub = nc.subscribe(`${env.namespace}.monitoring.threshold.crossed`);
  const done = (async () => {
    for await (const m of sub) {
      const pointId = m.json<{ data: { pointId: string } }>().data.pointId;
      const at = sent.get(pointId);
      if (at !== undefined) got.push(performance.now() - at);
      if (got.length >= hot.length) break;
    }
  })();
  let bg = 0;
  const t0 = Date.now();
  const background = setInterval(() => {
    for (let k = 0; k < BACKGROUND_PER_S / 50; k++, bg++)
      nc.publish(
        `${env.namespace}.monitoring.reading.${ids[bg % ids.length]}`,
        message(t0 + bg, 180),
      );
  }, 20);
  for (const id of hot) {
    sent.set(id, performance.now());
    nc.publish(`${env.namespace}.monitoring.reading.${id}`, message(Date.now(), 195));
    await sleep(20);
  }
  const timeout = setTimeout(() => sub.unsubscribe(), TIMEOUT_MS);
  await done;
  clearTimeout(timeout);
  clearInterval(background);
  return { p50: percentile(got, 50), p99: percentile(got, 99), seen: got.length };
}

/** The same messages through bare JetStream: a file stream, core publish, consume() and ack. */
async function raw(env: BenchEnv, payloads: string[]): Promise<number> {
  const nc = await connect({ servers: env.natsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const tag = randomBytes(4).toString('hex');
    const stream = `${env.namespace.toUpperCase()}_RAW_${tag}`;
    const subject = `${env.namespace}.raw.${tag}`;
    await jsm.streams.add({
      name: stream,
      subjects: [`${subject}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(3_600_000),
    });
    await jsm.consumers.add(stream, {
      durable_name: 'raw',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 10_000,
    });
    const messages = await (await js.consumers.get(stream, 'raw')).consume({ max_messages: 2_000 });
    const consumed = (async () => {
      let n = 0;
      for await (const m of messages) {
        JSON.parse(new TextDecoder().decode(m.data));
        m.ack();
        if (++n === READINGS) return performance.now();
      }
      return Number.NaN;
    })();
    const timeout = setTimeout(() => void messages.stop(), TIMEOUT_MS);
    const start = performance.now();
    await publishAll(
      nc,
      (i) => `${subject}.${i % POINTS}`,
      READINGS,
      (i) => payloads[i % payloads.length]!,
    );
    const end = await consumed;
    clearTimeout(timeout);
    await messages.close();
    await jsm.streams.delete(stream);
    return (READINGS / (end - start)) * 1000;
  } finally {
    await nc.close();
  }
}

type RunFigures = {
  'readings/s': number;
  p50_ms: number;
  p99_ms: number;
  'raw_readings/s': number;
  ratio_vs_raw: number;
};

async function oneRun(run: number, problems: string[]): Promise<RunFigures> {
  const env = await createBenchEnv();
  const sql = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const muster = await startMuster(env.config({ MUSTER_ROLES: 'api,consumers' }));
    const nc = await connect({ servers: env.natsUrl.split(',') });
    try {
      const ids = await seed(sql, POINTS, 190);
      const hot = await seed(sql, CROSSINGS, 190);
      // Warm-up, unmeasured: JIT, pools, the ingest consumer's pull, the point and rule caches.
      await publishAll(
        nc,
        (i) => `${env.namespace}.monitoring.reading.${ids[i % ids.length]}`,
        POINTS * 4,
        (i) => message(Date.now() - 7_200_000 + i * 1000, 180),
      );
      await sleep(2_000);
      const rawRate = await raw(
        env,
        ids.slice(0, 50).map((_, i) => message(Date.now(), 180 + i * 0.1)),
      );
      const rate = await throughput(env, nc, sql, ids, 0);
      const lat = await latency(env, nc, ids, hot);
      if (lat.seen < CROSSINGS)
        problems.push(`run ${run}: ${lat.seen} of ${CROSSINGS} crossings seen`);
      const figures: RunFigures = {
        'readings/s': rate,
        p50_ms: lat.p50,
        p99_ms: lat.p99,
        'raw_readings/s': rawRate,
        ratio_vs_raw: rate / rawRate,
      };
      console.error(`P2 run ${run}/${RUNS}: ${formatFigures(figures)}`);
      return figures;
    } finally {
      await nc.close();
      await muster.stop();
    }
  } finally {
    await sql.end();
    await env.cleanup();
  }
}

// The machine is shared: its load beside the figures says how far to trust them.
const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
const problems: string[] = [];
const runs: RunFigures[] = [];
for (let run = 1; run <= RUNS; run++) runs.push(await oneRun(run, problems));
const med = medianOfRuns(runs);
const figures = {
  'readings/s': med['readings/s'],
  p50_ms: med.p50_ms,
  p99_ms: med.p99_ms,
  ratio_vs_raw: med.ratio_vs_raw,
};
for (const p of problems) console.log(`P2 FAILURE ${p}`);
await report({
  id: 'P2',
  figures,
  baseline: { 'raw_readings/s': med['raw_readings/s'] },
  goal: GOAL,
  pass: problems.length === 0 && meetsGoal(figures, GOAL),
  details: {
    command: 'npm run bench -- P2',
    loadavg: { start: loadAtStart, end: loadavg().map((l) => Math.round(l * 100) / 100) },
    runs,
    problems,
    settings: {
      readings: READINGS,
      points: POINTS,
      crossings: CROSSINGS,
      backgroundPerS: BACKGROUND_PER_S,
      burst: BURST,
    },
  },
});
if (problems.length > 0) process.exitCode = 1;
