// P5 — outbox commit → JetStream → consumer. Sustained events/s, and p50/p99 latency at 1,000
// events/s, beside a bare JetStream async publish + consume measured in the same run.
// Goal: >= 5,000 events/s, p99 <= 50 ms at 1,000/s, and >= 0.5x the raw rate.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect, nanos } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import {
  createBenchEnv,
  envInt,
  formatFigures,
  medianOfRuns,
  meetsGoal,
  percentile,
  report,
  sleep,
  wallMs,
  type BenchEnv,
  type Goal,
} from './lib.ts';

const RUNS = envInt('BENCH_RUNS', 3);
/** Events per throughput measurement (and per raw measurement). */
const EVENTS = envInt('BENCH_P5_EVENTS', 20_000);
/** Concurrent writers in the throughput phase, each committing 10–50 events per transaction. */
const WRITERS = envInt('BENCH_P5_WRITERS', 8);
const LATENCY_RATE = 1_000;
const LATENCY_SECONDS = envInt('BENCH_P5_LATENCY_S', 10);
/**
 * Events per transaction in the latency phase: 100 transactions/s of 10 events make 1,000/s.
 * Single-event transactions (`BENCH_P5_TX_EVENTS=1`, 1,000 commits/s) are the harsher load, but
 * on the 2-core bench machine the in-process writers cannot even offer that rate (each commit is
 * three round trips and an fsync), so the figure would not be "at 1,000/s".
 */
const LATENCY_TX_EVENTS = envInt('BENCH_P5_TX_EVENTS', 10);
/** Paced writers never hold more transactions open than this; beyond it the schedule slips. */
const LATENCY_MAX_IN_FLIGHT = 64;
/** Unmeasured events first, so JIT, pools and the consumer's pull are warm. */
const WARMUP_EVENTS = 2_000;
/** Raw baseline: publishes in flight at once, a sliding window like a busy relay keeps. */
const RAW_WINDOW = 1_000;
const RECEIPT_TIMEOUT_MS = 60_000;
/** Backend settings a run may override from the environment to try a change without an edit. */
const TUNABLES = ['DATABASE_POOL_MAX', 'OUTBOX_BATCH', 'OUTBOX_POLL_MS', 'CONSUMER_BATCH'] as const;

// Each phase numbers its probes from its own base, so its receipts are told apart by `seq`.
const WARMUP_BASE = 0;
const THROUGHPUT_BASE = 1_000_000;
const LATENCY_BASE = 2_000_000;

const GOAL: Goal = {
  text: '>=5000/s p99<=50 ratio>=0.5',
  checks: [
    { figure: 'events/s', op: '>=', value: 5_000 },
    { figure: 'p99_ms', op: '<=', value: 50 },
    { figure: 'ratio_vs_raw', op: '>=', value: 0.5 },
  ],
};

interface Commit {
  /** The `sentAt` written into the events (ms precision, like the receipt's `sent_at`). */
  sentAtMs: number;
  /** When the writer saw COMMIT return. */
  committedMs: number;
}

/**
 * Commits `count` probe events in one transaction, the way a module appends its events.
 *
 * Latency is defined as `applied_at − sent_at`: `sent_at` is the wall clock read immediately
 * before the transaction's only statement (the outbox insert), which is followed directly by
 * COMMIT; `applied_at` is `clock_timestamp()` in the consumer's transaction as it inserts the
 * receipt. Both are the same machine's system clock. So a latency includes the insert and the
 * commit's fsync (reported separately as `commit_p50_ms`) and excludes the consumer's own commit;
 * `sent_at` is stored with millisecond precision (the consumer parses it with `Date`), so a
 * latency reads at most 1 ms high.
 */
async function commitProbes(m: Muster, firstSeq: number, count: number): Promise<Commit> {
  let sentAtMs = 0;
  await m.database.db.transaction(async (tx) => {
    sentAtMs = Date.now();
    const sentAt = new Date(sentAtMs).toISOString();
    await m.outbox.append(
      tx,
      Array.from({ length: count }, (_, i) => ({
        type: 'system.probe.sent' as const,
        actor: 'system',
        data: { seq: firstSeq + i, sentAt },
      })),
    );
  });
  return { sentAtMs, committedMs: wallMs() };
}

interface Tally {
  rows: number;
  seqs: number;
  ids: number;
  lastAppliedMs: number;
}

async function tally(sql: postgres.Sql, lo: number, count: number): Promise<Tally> {
  const [t] = await sql<Tally[]>`
    select count(*)::int as rows, count(distinct seq)::int as seqs,
           count(distinct event_id)::int as ids,
           coalesce((extract(epoch from max(applied_at)) * 1000)::float8, 0) as "lastAppliedMs"
    from probe_receipts where seq >= ${lo} and seq < ${lo + count}`;
  return t!;
}

/**
 * Waits until every probe of a phase has a receipt. The poll interval does not affect any figure:
 * the end time is the last receipt's own `applied_at`.
 */
async function awaitReceipts(
  sql: postgres.Sql,
  lo: number,
  count: number,
): Promise<{ tally: Tally; problem?: string }> {
  const deadline = Date.now() + RECEIPT_TIMEOUT_MS;
  for (;;) {
    const t = await tally(sql, lo, count);
    if (t.seqs >= count) {
      if (t.rows === count && t.ids === count) return { tally: t };
      return {
        tally: t,
        problem: `${t.rows} receipts for ${count} events (${t.seqs} distinct seqs, ${t.ids} distinct ids): duplicates`,
      };
    }
    if (Date.now() > deadline) {
      return {
        tally: t,
        problem: `only ${t.seqs} of ${count} events applied after ${RECEIPT_TIMEOUT_MS / 1000} s`,
      };
    }
    await sleep(100);
  }
}

/** Several writers commit `total` events in transactions of 10–50 as fast as they can. */
async function writeFlat(
  m: Muster,
  base: number,
  total: number,
  writers: number,
): Promise<Commit[]> {
  const commits: Commit[] = [];
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < total) {
      const size = Math.min(total - next, 10 + Math.floor(Math.random() * 41));
      const first = next;
      next += size;
      commits.push(await commitProbes(m, base + first, size));
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return commits;
}

interface ThroughputResult {
  eventsPerS: number;
  writeEventsPerS: number;
  problem?: string;
}

/** Events/s = N ÷ (first commit returned → last receipt applied). */
async function measureThroughput(m: Muster, sql: postgres.Sql): Promise<ThroughputResult> {
  const commits = await writeFlat(m, THROUGHPUT_BASE, EVENTS, WRITERS);
  const firstCommit = Math.min(...commits.map((c) => c.committedMs));
  const lastCommit = Math.max(...commits.map((c) => c.committedMs));
  const { tally: t, problem } = await awaitReceipts(sql, THROUGHPUT_BASE, EVENTS);
  return {
    eventsPerS: (EVENTS / (t.lastAppliedMs - firstCommit)) * 1000,
    writeEventsPerS: (EVENTS / (lastCommit - firstCommit)) * 1000,
    ...(problem ? { problem } : {}),
  };
}

interface LatencyResult {
  p50: number;
  p99: number;
  max: number;
  commitP50: number;
  offeredPerS: number;
  maxSlipMs: number;
  problem?: string;
}

/**
 * Paced, open-loop writers: transaction k is started at start + k/rate whether or not earlier
 * ones have finished (up to LATENCY_MAX_IN_FLIGHT), so a slow pipeline cannot slow the load.
 */
async function measureLatency(m: Muster, sql: postgres.Sql): Promise<LatencyResult> {
  const txPerS = LATENCY_RATE / LATENCY_TX_EVENTS;
  const totalTx = Math.round(txPerS * LATENCY_SECONDS);
  const total = totalTx * LATENCY_TX_EVENTS;
  const commits: Commit[] = [];
  const inFlight = new Set<Promise<void>>();
  let launched = 0;
  let maxSlipMs = 0;
  const start = performance.now();
  while (launched < totalTx) {
    const elapsed = performance.now() - start;
    const due = Math.min(totalTx, Math.floor((elapsed / 1000) * txPerS) + 1);
    while (launched < due && inFlight.size < LATENCY_MAX_IN_FLIGHT) {
      maxSlipMs = Math.max(maxSlipMs, elapsed - (launched / txPerS) * 1000);
      const p = commitProbes(m, LATENCY_BASE + launched * LATENCY_TX_EVENTS, LATENCY_TX_EVENTS)
        .then((c) => void commits.push(c))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      launched++;
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  const { problem } = await awaitReceipts(sql, LATENCY_BASE, total);
  const rows = await sql<{ ms: number }[]>`
    select (extract(epoch from applied_at - sent_at) * 1000)::float8 as ms
    from probe_receipts where seq >= ${LATENCY_BASE} and seq < ${LATENCY_BASE + total}`;
  const ms = rows.map((r) => r.ms);
  const committed = commits.map((c) => c.committedMs);
  return {
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: Math.max(...ms),
    commitP50: percentile(
      commits.map((c) => c.committedMs - c.sentAtMs),
      50,
    ),
    offeredPerS: (total / (Math.max(...committed) - Math.min(...committed))) * 1000,
    maxSlipMs,
    ...(problem ? { problem } : {}),
  };
}

/**
 * The baseline: bare @nats-io/jetstream, same payload bytes, a file stream like the events
 * stream, a durable pull consumer with the same ack-pending limit reading with `consume()` and
 * acking each message. Events/s = N ÷ (first publish → last message consumed).
 */
async function measureRaw(env: BenchEnv, payload: Uint8Array, consumerBatch: number) {
  const nc = await connect({ servers: env.natsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const tag = randomBytes(4).toString('hex');
    const stream = `${env.namespace.toUpperCase()}_RAW_${tag}`;
    const subject = `${env.namespace}.raw.${tag}`;
    await jsm.streams.add({
      name: stream,
      subjects: [subject],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: nanos(120_000),
    });
    await jsm.consumers.add(stream, {
      durable_name: 'raw',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: Math.max(1000, consumerBatch * 4),
    });
    const messages = await (
      await js.consumers.get(stream, 'raw')
    ).consume({ max_messages: consumerBatch });
    const consumed = (async () => {
      let n = 0;
      for await (const msg of messages) {
        msg.ack();
        if (++n === EVENTS) return performance.now();
      }
      return Number.NaN;
    })();
    const timeout = setTimeout(() => void messages.stop(), RECEIPT_TIMEOUT_MS);
    const start = performance.now();
    let sent = 0;
    const publisher = async (): Promise<void> => {
      while (sent < EVENTS) {
        sent++;
        await js.publish(subject, payload);
      }
    };
    await Promise.all(Array.from({ length: RAW_WINDOW }, publisher));
    const end = await consumed;
    clearTimeout(timeout);
    await messages.close();
    await jsm.streams.delete(stream);
    return (EVENTS / (end - start)) * 1000;
  } finally {
    await nc.close();
  }
}

// A type alias, not an interface, so it is a `Record<string, number>` for the helpers.
type RunFigures = {
  'events/s': number;
  p50_ms: number;
  p99_ms: number;
  'raw_events/s': number;
  ratio_vs_raw: number;
  'write_events/s': number;
  max_ms: number;
  commit_p50_ms: number;
  'offered_events/s': number;
  max_slip_ms: number;
};

async function oneRun(run: number, problems: string[]): Promise<RunFigures> {
  const env = await createBenchEnv();
  const monitor = postgres(env.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const tunables = Object.fromEntries(TUNABLES.map((k) => [k, process.env[k]]));
    const muster = await startMuster(env.config({ MUSTER_ROLES: 'api,consumers', ...tunables }));
    try {
      await writeFlat(muster, WARMUP_BASE, WARMUP_EVENTS, WRITERS);
      const warm = await awaitReceipts(monitor, WARMUP_BASE, WARMUP_EVENTS);
      if (warm.problem) problems.push(`run ${run} warm-up: ${warm.problem}`);
      // The exact bytes the relay publishes for a probe, so the raw baseline carries as much.
      const [sample] = await monitor<{ envelope: string }[]>`
        select envelope::text as envelope from outbox where type = 'system.probe.sent' limit 1`;
      const payload = new TextEncoder().encode(sample!.envelope);

      const raw = await measureRaw(env, payload, muster.config.CONSUMER_BATCH);
      if (Number.isNaN(raw)) problems.push(`run ${run} raw: not all ${EVENTS} messages consumed`);
      const thr = await measureThroughput(muster, monitor);
      if (thr.problem) problems.push(`run ${run} throughput: ${thr.problem}`);
      const lat = await measureLatency(muster, monitor);
      if (lat.problem) problems.push(`run ${run} latency: ${lat.problem}`);
      const figures: RunFigures = {
        'events/s': thr.eventsPerS,
        p50_ms: lat.p50,
        p99_ms: lat.p99,
        'raw_events/s': raw,
        ratio_vs_raw: thr.eventsPerS / raw,
        'write_events/s': thr.writeEventsPerS,
        max_ms: lat.max,
        commit_p50_ms: lat.commitP50,
        'offered_events/s': lat.offeredPerS,
        max_slip_ms: lat.maxSlipMs,
      };
      console.error(`P5 run ${run}/${RUNS}: ${formatFigures(figures)}`);
      return figures;
    } finally {
      await muster.stop();
    }
  } finally {
    await monitor.end();
    await env.cleanup();
  }
}

const problems: string[] = [];
const runs: RunFigures[] = [];
for (let run = 1; run <= RUNS; run++) runs.push(await oneRun(run, problems));
// Each figure is the median over runs; the ratio is taken within each run first (the baseline
// shares that run's machine weather) and then its median reported.
const med = medianOfRuns(runs);
const figures = {
  'events/s': med['events/s'],
  p50_ms: med.p50_ms,
  p99_ms: med.p99_ms,
  ratio_vs_raw: med.ratio_vs_raw,
};
for (const p of problems) console.log(`P5 FAILURE ${p}`);
await report({
  id: 'P5',
  figures,
  baseline: { 'raw_events/s': med['raw_events/s'] },
  goal: GOAL,
  pass: problems.length === 0 && meetsGoal(figures, GOAL),
  details: {
    runs,
    medians: med,
    problems,
    settings: {
      events: EVENTS,
      writers: WRITERS,
      throughputTxEvents: '10-50',
      latencyRate: LATENCY_RATE,
      latencySeconds: LATENCY_SECONDS,
      latencyTxEvents: LATENCY_TX_EVENTS,
      rawWindow: RAW_WINDOW,
      backend: Object.fromEntries(TUNABLES.map((k) => [k, process.env[k] ?? 'default'])),
    },
  },
});
// Lost or duplicated events are a correctness failure, not a missed figure: fail the process.
if (problems.length > 0) process.exitCode = 1;
