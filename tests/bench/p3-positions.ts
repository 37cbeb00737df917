// P3 — positions of deployed teams through the real path: 5,000 deployed members each report a
// position every 5 s (1,000/s) to POST /api/forces/positions (session, policy, per-device limit,
// sealed track, outbox, relay, positions stream, KV) → the gateway → 100 authorised commander
// sockets in another process. Each client may receive at most 4 coalesced frames a second;
// position-to-screen p99 <= 500 ms; the backend process uses <= 0.7 core. Baseline in the same run:
// the same positions through a bare JetStream publish and a bare Socket.IO broadcast.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../../backend/src/platform/db/client.ts';
import { insertAccount } from '../../backend/src/platform/access/accounts.ts';
import { grants } from '../../backend/src/platform/access/grants.ts';
import { createPasswordHasher } from '../../backend/src/platform/access/passwords.ts';
import { createSessionStore } from '../../backend/src/platform/access/sessions.ts';
import { systemClock } from '../../backend/src/platform/clock.ts';
import type { Config } from '../../backend/src/platform/config.ts';
import { createBenchEnv, envInt, meetsGoal, report, sleep, type Goal } from './lib.ts';
import { startWorker } from './workers/ipc.ts';
import type { BackendCommand, BackendReply } from './workers/p3-backend.ts';
import type { ClientsCommand, ClientsReply } from './workers/position-clients.ts';
import type { ReportersCommand, ReportersReply } from './workers/position-reporters.ts';
import type { RawCommand, RawReply } from './workers/p3-raw.ts';

const MEMBERS = envInt('BENCH_P3_MEMBERS', 5_000);
const TEAMS = envInt('BENCH_P3_TEAMS', 500);
const EVERY_MS = envInt('BENCH_P3_EVERY_MS', 5_000);
const CLIENTS = envInt('BENCH_P3_CLIENTS', 100);
/** Commander accounts behind the clients (each whole position is audited once per account). */
const COMMANDERS = envInt('BENCH_P3_COMMANDERS', 10);
const WARMUP_S = envInt('BENCH_P3_WARMUP_S', 15);
const SECONDS = envInt('BENCH_P3_SECONDS', 30);
/** 250 ms: at most 4 pushes a second (the gateway's default tick, 200 ms, would allow 5). */
const TICK_MS = envInt('BENCH_P3_TICK_MS', 250);
const BASE = { lon: 106.437, lat: 29.825 };

const GOAL: Goal = {
  text: 'frames/s<=4 p99<=500 cpu<=0.7',
  checks: [
    { figure: 'frames_per_s', op: '<=', value: 4 },
    { figure: 'p99_ms', op: '<=', value: 500 },
    { figure: 'cpu_cores', op: '<=', value: 0.7 },
  ],
};

type Stats = Extract<ClientsReply, { type: 'stats' }>;
type Sent = Extract<ReportersReply, { type: 'stats' }>;
type Reporters = ReturnType<typeof startWorker<ReportersCommand, ReportersReply>>;
type Backend = ReturnType<typeof startWorker<BackendCommand, BackendReply>>;

function fromHistogram(h: readonly number[], p: number): number {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let ms = 0; ms < h.length; ms++) {
    seen += h[ms]!;
    if (seen >= rank) return ms;
  }
  return h.length - 1;
}

/**
 * The busiest client's frames a second over the window: what the gateway sent it. (The most in
 * any one second is kept in the details: on a loaded machine late frames arrive bunched.)
 */
function framesPerSecond(s: Stats): number {
  return Math.max(...s.framesPerSocket) / s.seconds;
}

/** Accounts, grants and sessions: members of deployed teams, and the incident's commanders. */
async function setUp(config: Config) {
  const database = createDatabase(config.DATABASE_URL, { max: 4 });
  const db = database.db;
  const incidentId = randomUUID();
  const now = new Date();
  const hash = await createPasswordHasher({ memoryKib: 1024 }).hash(randomUUID());
  const store = createSessionStore(db, systemClock, config);
  const teams = Array.from({ length: TEAMS }, () => randomUUID());
  const memberTokens: string[] = [];
  const commanderTokens: string[] = [];
  try {
    await db.execute(sql`insert into forces_incidents (id, title, status, exercise, reported_at, updated_at)
      values (${incidentId}, 'P3 洪水', 'open', false, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`);
    await db.transaction(async (tx) => {
      const account = async (role: 'team_member' | 'commander', teamId: string | null) => {
        const row = await insertAccount(tx, {
          username: `p3-${role.replace('_', '-')}-${randomUUID().slice(0, 12)}`,
          displayName: 'P3',
          role,
          status: 'active',
          passwordHash: hash,
          teamId,
          at: now,
        });
        return row!.id;
      };
      for (const teamId of teams)
        await grants.grant(tx, { kind: 'deployment', incidentId, teamId, at: now });
      for (let i = 0; i < MEMBERS; i++) {
        const id = await account('team_member', teams[i % TEAMS]!);
        memberTokens.push((await store.create(tx, id, 'api')).token);
      }
      const commanders: string[] = [];
      for (let i = 0; i < COMMANDERS; i++) {
        const id = await account('commander', null);
        await grants.grant(tx, { kind: 'command', incidentId, accountId: id, at: now });
        commanders.push(id);
      }
      for (let i = 0; i < CLIENTS; i++)
        commanderTokens.push((await store.create(tx, commanders[i % COMMANDERS]!, 'api')).token);
    });
  } finally {
    await database.close();
  }
  return { memberTokens, commanderTokens };
}

async function clientsReady(
  clients: ReturnType<typeof startWorker<ClientsCommand, ClientsReply>>,
  targets: { url: string; token?: string }[],
): Promise<void> {
  clients.command({ type: 'connect', targets, concurrency: 20 });
  const c = await clients.next<Extract<ClientsReply, { type: 'connected' }>>('connected');
  if (c.connected !== targets.length)
    throw new Error(
      `only ${c.connected} of ${targets.length} clients connected: ${c.failures.join('; ')}`,
    );
}

async function measure(
  clients: ReturnType<typeof startWorker<ClientsCommand, ClientsReply>>,
  cpu: () => Promise<{ cpuMs: number; systemMs: number; wallMs: number }>,
  between?: () => void,
): Promise<{ stats: Stats; cores: number; systemShare: number }> {
  clients.command({ type: 'reset' });
  between?.();
  const before = await cpu();
  await sleep(SECONDS * 1000);
  const after = await cpu();
  clients.command({ type: 'collect' });
  const stats = await clients.next<Stats>('stats');
  const cpuMs = after.cpuMs - before.cpuMs;
  return {
    stats,
    cores: cpuMs / (after.wallMs - before.wallMs),
    systemShare: (after.systemMs - before.systemMs) / Math.max(1, cpuMs),
  };
}

/** Waits until the reporters' requests have all been answered (the backend caught up). */
async function drained(reporters: Reporters): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const next = reporters.next<Sent>('stats');
    reporters.command({ type: 'collect' });
    if ((await next).inFlight === 0) return;
    await sleep(1000);
  }
}

/**
 * The backend's CPU per request, closed loop (50 at a time), for a request that touches no
 * database (`/healthz`), one that looks up the session and its grants (`/api/auth/session`), and
 * a position report: what the HTTP path costs before and with the module's own work.
 */
async function priceRequests(
  backend: Backend,
  reporters: Reporters,
  url: string,
  tokens: string[],
): Promise<Record<string, { cpuMs: number; perSecond: number }>> {
  const cpu = async () => {
    const next = backend.next<Extract<BackendReply, { type: 'cpu' }>>('cpu');
    backend.command({ type: 'cpu' });
    return next;
  };
  const out: Record<string, { cpuMs: number; perSecond: number }> = {};
  const n = Math.min(1_000, Math.floor(tokens.length / 4));
  // The backlog of the open-loop phase (relay, gateway) first: until the backend is idle.
  for (let i = 0; i < 60; i++) {
    const a = await cpu();
    await sleep(1_000);
    const b = await cpu();
    if ((b.cpuMs - a.cpuMs) / (b.wallMs - a.wallMs) < 0.05) break;
  }
  // A first round is not counted (connections, caches, JIT); each round its own members.
  for (const [name, method, path, round] of [
    ['warm-up', 'GET', '/api/auth/session', 0],
    ['session', 'GET', '/api/auth/session', 1],
    ['position', 'POST', '/api/forces/positions', 2],
    ['healthz', 'GET', '/healthz', 3],
  ] as const) {
    // BENCH_P3_PROFILE_POSITION=<file>: a CPU profile of the backend over the position round.
    const profile = name === 'position' ? process.env.BENCH_P3_PROFILE_POSITION : undefined;
    if (profile) {
      const started = backend.next('profiled');
      backend.command({ type: 'profile-start' });
      await started;
    }
    const before = await cpu();
    const done = reporters.next<Extract<ReportersReply, { type: 'burst' }>>('burst');
    const mine = tokens.slice(round * n, (round + 1) * n);
    reporters.command({ type: 'burst', url, method, path, tokens: mine, concurrency: 50 });
    const b = await done;
    const after = await cpu();
    if (profile) {
      const stopped = backend.next('profiled');
      backend.command({ type: 'profile-stop', file: profile });
      await stopped;
    }
    if (name !== 'warm-up')
      out[name] = { cpuMs: (after.cpuMs - before.cpuMs) / b.n, perSecond: (b.n / b.ms) * 1000 };
  }
  console.error(`P3 backend CPU per request: ${JSON.stringify(out)}`);
  return out;
}

async function main(): Promise<void> {
  const env = await createBenchEnv();
  const config = env.config({
    MUSTER_ROLES: 'api,consumers,realtime',
    REALTIME_TICK_MS: String(TICK_MS),
  });
  const clients = startWorker<ClientsCommand, ClientsReply>('position-clients.ts');
  const backend = startWorker<BackendCommand, BackendReply>('p3-backend.ts');
  const reporters = startWorker<ReportersCommand, ReportersReply>('position-reporters.ts');
  let raw: ReturnType<typeof startWorker<RawCommand, RawReply>> | undefined;
  try {
    const { memberTokens, commanderTokens } = await setUp(config);
    console.error(`P3 ${MEMBERS} members in ${TEAMS} teams, ${CLIENTS} commander clients ready`);
    backend.command({ type: 'start', config });
    const ready = await backend.next<Extract<BackendReply, { type: 'ready' }>>('ready');
    const url = `http://127.0.0.1:${ready.port}`;
    await clientsReady(
      clients,
      commanderTokens.map((token) => ({ url, token })),
    );
    reporters.command({ type: 'start', url, tokens: memberTokens, everyMs: EVERY_MS, base: BASE });
    await sleep(WARMUP_S * 1000);
    const cpu = async () => {
      const next = backend.next<Extract<BackendReply, { type: 'cpu' }>>('cpu');
      backend.command({ type: 'cpu' });
      return next;
    };
    // The first collect only restarts the reporters' counts (its reply is not awaited).
    const ours = await measure(clients, cpu, () => {
      reporters.command({ type: 'collect' });
      // BENCH_P3_PROFILE=<file>: a CPU profile of the backend over the measured window.
      const file = process.env.BENCH_P3_PROFILE;
      if (file) backend.command({ type: 'profile', ms: SECONDS * 1000 - 500, file });
    });
    const counted = reporters.next<Sent>('stats');
    reporters.command({ type: 'collect' });
    const sent = await counted;
    reporters.command({ type: 'stop' });
    await drained(reporters);
    const floor = await priceRequests(backend, reporters, url, memberTokens);
    clients.command({ type: 'disconnect' });
    await clients.next('disconnected');
    await backend.close({ type: 'stop' });

    raw = startWorker<RawCommand, RawReply>('p3-raw.ts');
    raw.command({
      type: 'start',
      natsUrl: env.natsUrl,
      namespace: env.namespace,
      tickMs: TICK_MS,
      teams: TEAMS,
      members: MEMBERS,
      everyMs: EVERY_MS,
    });
    const rawReady = await raw.next<Extract<RawReply, { type: 'ready' }>>('ready');
    await clientsReady(
      clients,
      commanderTokens.map(() => ({ url: rawReady.url })),
    );
    await sleep(Math.min(WARMUP_S, 5) * 1000);
    const rawCpu = async () => {
      const next = raw!.next<Extract<RawReply, { type: 'cpu' }>>('cpu');
      raw!.command({ type: 'cpu' });
      return next;
    };
    const bare = await measure(clients, rawCpu);

    const accepted = sent.byStatus['200'] ?? 0;
    const figures = {
      'positions/s': accepted / sent.seconds,
      frames_per_s: framesPerSecond(ours.stats),
      p50_ms: fromHistogram(ours.stats.histogram, 50),
      p99_ms: fromHistogram(ours.stats.histogram, 99),
      cpu_cores: ours.cores,
    };
    const baseline = {
      raw_frames_per_s: framesPerSecond(bare.stats),
      raw_p99_ms: fromHistogram(bare.stats.histogram, 99),
      raw_cpu_cores: bare.cores,
    };
    await report({
      id: 'P3',
      figures: { ...figures, ratio_cpu_vs_raw: ours.cores / bare.cores },
      baseline,
      goal: GOAL,
      pass: meetsGoal(figures, GOAL) && sent.errors === 0,
      details: {
        reports: { ...sent, rttP50Ms: sent.p50Ms, rttP99Ms: sent.p99Ms },
        // The backend's CPU per position taken (everything it did in the window, divided).
        // What one request costs the backend alone, closed loop, on this machine: the floor of
        // the HTTP path (no database; session and grants looked up; a position taken).
        cpuMsPerRequest: floor,
        kernelShareOfCpu: ours.systemShare,
        rawKernelShareOfCpu: bare.systemShare,
        cpuMsPerPosition: (ours.cores * sent.seconds * 1000) / Math.max(1, accepted),
        meanFramesPerSecond: ours.stats.meanFramesPerSecond,
        mostFramesInOneSecond: Math.max(...ours.stats.maxFramesPerSecond),
        rawMostFramesInOneSecond: Math.max(...bare.stats.maxFramesPerSecond),
        positionsReceived: ours.stats.positions,
        rawPositionsReceived: bare.stats.positions,
        settings: {
          members: MEMBERS,
          teams: TEAMS,
          everyMs: EVERY_MS,
          clients: CLIENTS,
          commanderAccounts: COMMANDERS,
          tickMs: TICK_MS,
          warmupS: WARMUP_S,
          seconds: SECONDS,
        },
      },
    });
  } finally {
    await reporters.close({ type: 'exit' });
    await clients.close({ type: 'exit' });
    await backend.close({ type: 'stop' });
    await raw?.close({ type: 'stop' });
    await env.cleanup();
  }
}

await main();
