import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import postgres from 'postgres';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { loadConfig, type Config } from '../../backend/src/platform/config.ts';
import { runMigrations } from '../../backend/src/platform/db/migrate.ts';

/** One benchmark's own data: a fresh database and a NATS namespace nothing else uses. */
export interface BenchEnv {
  /** The server's admin URL (DATABASE_URL) and this benchmark's own database on it. */
  adminUrl: string;
  databaseUrl: string;
  natsUrl: string;
  /** Subject prefix and (upper-cased) stream prefix, e.g. `bench3f9a…`. */
  namespace: string;
  /** A backend config for this database and namespace; `overrides` win. */
  config(overrides?: Record<string, string | undefined>): Config;
  /** Drops the database and this namespace's streams and KV buckets; safe to call twice. */
  cleanup(): Promise<void>;
}

function requireEnv(name: 'DATABASE_URL' | 'NATS_URL'): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run benchmarks with \`npm run bench\`.`);
  return v;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Throwaway keys for the personal-data encryption the backend requires at start; a benchmark
 * seals nothing it keeps. Mirrors `testKeys` in backend/src/testing/env.ts, which imports vitest.
 */
function benchKeys(): Record<'DATA_KEYS' | 'DATA_KEY_ACTIVE' | 'HMAC_KEY', string> {
  const k = () => randomBytes(32).toString('base64');
  return { DATA_KEYS: `bench:${k()}`, DATA_KEY_ACTIVE: 'bench', HMAC_KEY: k() };
}

const pendingCleanups = new Set<() => Promise<void>>();
let interruptHooked = false;

/** Ctrl-C mid-run still drops what the run created; the shared servers outlive every bench. */
function cleanUpOnInterrupt(): void {
  if (interruptHooked) return;
  interruptHooked = true;
  let interrupted = false;
  const onSignal = (): void => {
    // The terminal and the runner may both send one: clean up once, ignore the second.
    if (interrupted) return;
    interrupted = true;
    // Dropping the database under the running backend breaks its connections; those errors
    // are expected now and must not end the process before the cleanup has finished.
    process.on('uncaughtException', () => {});
    process.on('unhandledRejection', () => {});
    void Promise.allSettled([...pendingCleanups].map((c) => c())).then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Creates a database from scratch and migrates it, plus a unique NATS namespace. A benchmark
 * migrates its own database (rather than cloning a template as the tests do) because it creates
 * only a few and must not depend on the test harness.
 */
export async function createBenchEnv(): Promise<BenchEnv> {
  const adminUrl = requireEnv('DATABASE_URL');
  const natsUrl = requireEnv('NATS_URL');
  const suffix = randomBytes(5).toString('hex');
  const dbName = `muster_bench_${suffix}`;
  const namespace = `bench${suffix}`;
  const databaseUrl = withDatabase(adminUrl, dbName);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${dbName}`);
  } finally {
    await admin.end();
  }
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      pendingCleanups.delete(cleanup);
      await deleteNamespace(natsUrl, namespace);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${dbName} with (force)`);
      } finally {
        await a.end();
      }
    })());
  pendingCleanups.add(cleanup);
  cleanUpOnInterrupt();
  try {
    await runMigrations(databaseUrl);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return {
    adminUrl,
    databaseUrl,
    natsUrl,
    namespace,
    config: (overrides = {}) => {
      const defined = Object.fromEntries(
        Object.entries(overrides).filter((e): e is [string, string] => e[1] !== undefined),
      );
      return loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        MUSTER_NAMESPACE: namespace,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
        INSTANCE_ID: `bench-${suffix}`,
        ...benchKeys(),
        ...defined,
      });
    },
    cleanup,
  };
}

/**
 * Deletes the streams and KV buckets of a namespace. The same as `deleteNamespace` in
 * backend/src/testing/env.ts, which cannot be imported here: that module imports vitest.
 */
export async function deleteNamespace(natsUrl: string, namespace: string): Promise<void> {
  const nc = await connect({ servers: natsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const prefix = `${namespace.toUpperCase()}_`;
    const kvPrefix = `KV_${namespace}_`;
    const doomed: string[] = [];
    for await (const s of jsm.streams.list()) {
      const name = s.config.name;
      if (name.startsWith(prefix) || name.startsWith(kvPrefix)) doomed.push(name);
    }
    for (const name of doomed) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

/** The p-th percentile (0–100) by nearest rank: always a value that was actually observed. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median; with an even count, the mean of the middle two. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each figure's median over several runs (runs must report the same keys). */
export function medianOfRuns<K extends string>(
  runs: readonly Record<K, number>[],
): Record<K, number> {
  const first = runs[0];
  if (!first) throw new Error('medianOfRuns needs at least one run');
  const keys = Object.keys(first) as K[];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<
    K,
    number
  >;
}

/** A numeric setting for a benchmark from the environment, e.g. `BENCH_RUNS=1`. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${raw}`);
  return n;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with PostgreSQL's clock. */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One bound of a goal: `events/s >= 5000`. */
export interface GoalCheck {
  figure: string;
  op: '>=' | '<=';
  value: number;
}

export interface Goal {
  /** As printed: `>=5000/s p99<=50 ratio>=0.5`. */
  text: string;
  checks: GoalCheck[];
}

/** Whether every check of the goal holds (a missing or NaN figure fails). */
export function meetsGoal(figures: Readonly<Record<string, number>>, goal: Goal): boolean {
  return goal.checks.every((c) => {
    const v = figures[c.figure];
    if (v === undefined || Number.isNaN(v)) return false;
    return c.op === '>=' ? v >= c.value : v <= c.value;
  });
}

export interface Report {
  id: string;
  /** What the system under test achieved (medians of runs). */
  figures: Record<string, number>;
  /** The raw library doing the same work, measured in the same run. */
  baseline: Record<string, number>;
  goal: Goal;
  pass: boolean;
  /** Anything else worth keeping with the result: per-run figures, settings, failures. */
  details?: Record<string, unknown>;
}

function fmt(key: string, v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (key.startsWith('ratio')) return v.toFixed(2);
  if (Math.abs(v) >= 10) return String(Math.round(v));
  if (Math.abs(v) < 1) return String(Number(v.toFixed(2)));
  return String(Number(v.toFixed(1)));
}

/** `events/s=6120 p99_ms=31 ratio_vs_raw=0.52`: whole numbers, small ones to 0.1 (below 1 to 0.01), ratios to 0.01. */
export function formatFigures(r: Readonly<Record<string, number>>): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}=${fmt(k, v)}`)
    .join(' ');
}

const round3 = (r: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));

/**
 * Prints the one closing line — figures, then the baseline, then the comparisons with it
 * (`ratio_*`), so it reads `P5 events/s=… p99_ms=… raw_events/s=… ratio_vs_raw=… goal: … PASS` —
 * and writes `results/<id>.json` beside this file.
 */
export async function report(r: Report): Promise<void> {
  const own = Object.entries(r.figures).filter(([k]) => !k.startsWith('ratio'));
  const ratios = Object.entries(r.figures).filter(([k]) => k.startsWith('ratio'));
  const shown = formatFigures(
    Object.fromEntries([...own, ...Object.entries(r.baseline), ...ratios]),
  );
  const line = `${r.id} ${shown} goal: ${r.goal.text} ${r.pass ? 'PASS' : 'FAIL'}`;
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const result = {
    id: r.id,
    figures: round3(r.figures),
    baseline: round3(r.baseline),
    goal: r.goal,
    pass: r.pass,
    // The load average as the run ends: the machine is shared, and a busy one slows everything.
    machine: {
      cpus: availableParallelism(),
      node: process.version,
      loadavg1m: Number(loadavg()[0]!.toFixed(2)),
    },
    at: new Date().toISOString(),
    ...(r.details ? { details: r.details } : {}),
  };
  await writeFile(new URL(`${r.id}.json`, dir), `${JSON.stringify(result, null, 2)}\n`);
  console.log(line);
}
