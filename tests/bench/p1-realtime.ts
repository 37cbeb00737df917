// P1 — an event the map shows → 2,000 authorised clients in another process: p50/p99 delivery
// latency from the publish of `forces.position.reported` to its receipt at each client, beside a
// bare Socket.IO server's `io.emit` of the same payload to the same 2,000 clients in the same run.
// Goal: p99 <= 150 ms and <= 1.5x raw.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { subjectFor, type TMapPositions } from '@muster/contracts';
import { startMuster, type Muster } from '../../backend/src/app.ts';
import { systemClock } from '../../backend/src/platform/clock.ts';
import { grants } from '../../backend/src/platform/access/grants.ts';
import { createSessionStore } from '../../backend/src/platform/access/sessions.ts';
import { newId } from '../../backend/src/platform/ids.ts';
import { createAccount } from '../../backend/src/testing/accounts.ts';
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
  type Goal,
} from './lib.ts';
import type {
  ClientCommand,
  ConnectedReply,
  ReceiptsReply,
  Target,
} from './workers/realtime-clients.ts';

const RUNS = envInt('BENCH_RUNS', 3);
const CLIENTS = envInt('BENCH_P1_CLIENTS', 2_000);
/** Probes per phase; each is one position event (or one raw emit) fanned out to every client. */
const PROBES = envInt('BENCH_P1_PROBES', 30);
/**
 * Spacing of probes: longer than the gateway's tick (200 ms), so each probe is "an event the map
 * shows" on its own rather than part of a coalesced stream (see the loaded figure in details).
 */
const SPACING_MS = envInt('BENCH_P1_SPACING_MS', 300);
/** Accounts the sessions belong to: half commanders of the incident, half observers. */
const ACCOUNTS_PER_KIND = 4;
const CONNECT_CONCURRENCY = 50;
/** Other teams' reports per second in the loaded phase (reported in details, not the goal). */
const BACKGROUND_PER_S = envInt('BENCH_P1_BACKGROUND_PER_S', 10);
const SETTLE_MS = 1_500;

const GOAL: Goal = {
  text: 'p99<=150 ratio<=1.5',
  checks: [
    { figure: 'p99_ms', op: '<=', value: 150 },
    { figure: 'ratio_vs_raw', op: '<=', value: 1.5 },
  ],
};

interface Clients {
  child: ChildProcess;
  command(c: ClientCommand): void;
  next<T extends ConnectedReply | ReceiptsReply>(type: T['type']): Promise<T>;
}

function startClients(): Clients {
  const child = fork(fileURLToPath(new URL('./workers/realtime-clients.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    command: (c) => child.send(c),
    next: <T extends ConnectedReply | ReceiptsReply>(type: T['type']) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (m: ConnectedReply | ReceiptsReply) => {
          if (m.type !== type) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m as T);
        };
        const onExit = (code: number | null) => reject(new Error(`clients exited (${code})`));
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
  };
}

/** Latencies of every (probe, client) pair, and how many pairs never arrived. */
function latencies(sent: Map<string, number>, got: ReceiptsReply, clients: number) {
  const all: number[] = [];
  const lastPerProbe: number[] = [];
  let missing = 0;
  for (const [key, at] of sent) {
    const receipts = got.byKey[key] ?? [];
    missing += Math.max(0, clients - receipts.length);
    for (const r of receipts) all.push(r - at);
    lastPerProbe.push(Math.round(Math.max(...receipts) - at));
  }
  if (process.env.BENCH_P1_DEBUG) console.error(`last per probe: ${lastPerProbe.join(' ')}`);
  return { all, missing };
}

function probeBatch(teamId: string, reportedAt: string): TMapPositions {
  // What an observer's socket gets from the gateway for one report: the raw server sends this.
  return {
    seq: 1,
    positions: [
      { teamId, lon: 106.43, lat: 29.82, reportedAt, precision: 'coarse', exercise: false },
    ],
  };
}

/** A distinct `reportedAt` per probe: the clients key receipts by it. */
let clock = Date.now();
const nextReportedAt = () => new Date((clock += 1_000)).toISOString();

function positionEvent(teamId: string, incidentId: string | undefined, reportedAt: string) {
  const id = newId();
  const envelope = JSON.stringify({
    id,
    type: 'forces.position.reported',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'forces',
    actor: 'system',
    ...(incidentId ? { incidentId } : {}),
    exercise: false,
    correlationId: randomUUID(),
    data: {
      teamId,
      ...(incidentId ? { incidentId } : {}),
      lon: 106.43217,
      lat: 29.82361,
      accuracyM: 5,
      reportedAt,
    },
  });
  return { id, envelope };
}

/**
 * Probes through the gateway. `background` adds a steady stream of other teams' positions
 * (BACKGROUND_PER_S), so pushes are coalesced into ticks and a probe waits for the next tick.
 */
async function musterPhase(
  m: Muster,
  c: Clients,
  teamId: string,
  incidentId: string,
  background = false,
) {
  const subject = subjectFor(m.config.MUSTER_NAMESPACE, 'forces.position.reported');
  const others = Array.from({ length: 20 }, () => randomUUID());
  let n = 0;
  const noise = background
    ? setInterval(() => {
        const { id, envelope } = positionEvent(
          others[n++ % others.length]!,
          undefined,
          new Date().toISOString(),
        );
        void m.bus.js.publish(subject, envelope, { msgID: id });
      }, 1000 / BACKGROUND_PER_S)
    : undefined;
  const sent = new Map<string, number>();
  try {
    for (let i = 0; i <= PROBES; i++) {
      const reportedAt = nextReportedAt();
      const { id, envelope } = positionEvent(teamId, incidentId, reportedAt);
      const at = wallMs();
      await m.bus.js.publish(subject, envelope, { msgID: id });
      if (i > 0) sent.set(reportedAt, at); // the first is a warm-up
      await sleep(SPACING_MS + (background ? Math.random() * 100 : 0));
    }
  } finally {
    clearInterval(noise);
  }
  await sleep(SETTLE_MS);
  c.command({ type: 'collect' });
  return latencies(sent, await c.next<ReceiptsReply>('receipts'), CLIENTS);
}

async function rawPhase(raw: Server, c: Clients, teamId: string) {
  const sent = new Map<string, number>();
  for (let i = 0; i <= PROBES; i++) {
    const reportedAt = nextReportedAt();
    const batch = probeBatch(teamId, reportedAt);
    const at = wallMs();
    raw.emit('map:positions', batch);
    if (i > 0) sent.set(reportedAt, at);
    await sleep(SPACING_MS);
  }
  await sleep(SETTLE_MS);
  c.command({ type: 'collect' });
  return latencies(sent, await c.next<ReceiptsReply>('receipts'), CLIENTS);
}

/** Sessions of real accounts, as many as there are clients, spread over the accounts. */
async function createSessions(m: Muster, incidentId: string, teamId: string) {
  const db = m.database.db;
  const store = createSessionStore(db, systemClock, m.config);
  const owners: { id: string; kind: 'commander' | 'observer' }[] = [];
  for (let i = 0; i < ACCOUNTS_PER_KIND; i++) {
    const commander = await createAccount(db, { role: 'commander' });
    await grants.grant(db, {
      kind: 'command',
      incidentId,
      accountId: commander.id,
      at: new Date(),
    });
    owners.push({ id: commander.id, kind: 'commander' });
    owners.push({ id: (await createAccount(db, { role: 'observer' })).id, kind: 'observer' });
  }
  await grants.grant(db, { kind: 'deployment', incidentId, teamId, at: new Date() });
  await m.realtime!.refreshAccess();
  const tokens: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < CLIENTS; i++)
      tokens.push((await store.create(tx, owners[i % owners.length]!.id, 'api')).token);
  });
  return tokens;
}

async function main(): Promise<void> {
  const env = await createBenchEnv();
  const problems: string[] = [];
  let m: Muster | undefined;
  let clients: Clients | undefined;
  const httpServer = createServer();
  const raw = new Server(httpServer, { transports: ['websocket'], serveClient: false });
  try {
    // REALTIME_TICK_MS from the environment tries another tick without an edit.
    m = await startMuster(
      env.config({ MUSTER_ROLES: 'realtime', REALTIME_TICK_MS: process.env.REALTIME_TICK_MS }),
    );
    const incidentId = randomUUID();
    const teamId = randomUUID();
    const tokens = await createSessions(m, incidentId, teamId);
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', () => r()));
    const rawUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const musterUrl = `http://127.0.0.1:${m.port}`;

    clients = startClients();
    const targets: Target[] = [
      ...tokens.map((token) => ({ url: musterUrl, token })),
      ...tokens.map(() => ({ url: rawUrl })),
    ];
    clients.command({ type: 'connect', targets, concurrency: CONNECT_CONCURRENCY });
    const connected = await clients.next<ConnectedReply>('connected');
    console.error(
      `P1 ${connected.connected}/${targets.length} sockets connected in ${Math.round(connected.ms)} ms`,
    );
    if (connected.connected !== targets.length)
      throw new Error(
        `only ${connected.connected} of ${targets.length} connected: ${connected.failures.join('; ')}`,
      );

    const runs: Record<
      | 'p50_ms'
      | 'p99_ms'
      | 'raw_p50_ms'
      | 'raw_p99_ms'
      | 'ratio_vs_raw'
      | 'max_ms'
      | 'raw_max_ms'
      | 'loaded_p50_ms'
      | 'loaded_p99_ms',
      number
    >[] = [];
    for (let run = 1; run <= RUNS; run++) {
      // Alternate which goes first, so neither always gets the quieter machine.
      const ours = run % 2 === 1 ? await musterPhase(m, clients, teamId, incidentId) : undefined;
      const bare = await rawPhase(raw, clients, teamId);
      const mine = ours ?? (await musterPhase(m, clients, teamId, incidentId));
      const loaded = await musterPhase(m, clients, teamId, incidentId, true);
      if (mine.missing > 0) problems.push(`run ${run}: ${mine.missing} deliveries never arrived`);
      if (bare.missing > 0)
        problems.push(`run ${run} raw: ${bare.missing} deliveries never arrived`);
      const f = {
        p50_ms: percentile(mine.all, 50),
        p99_ms: percentile(mine.all, 99),
        raw_p50_ms: percentile(bare.all, 50),
        raw_p99_ms: percentile(bare.all, 99),
        ratio_vs_raw: percentile(mine.all, 99) / percentile(bare.all, 99),
        max_ms: Math.max(...mine.all),
        raw_max_ms: Math.max(...bare.all),
        loaded_p50_ms: percentile(loaded.all, 50),
        loaded_p99_ms: percentile(loaded.all, 99),
      };
      runs.push(f);
      console.error(`P1 run ${run}/${RUNS}: ${formatFigures(f)}`);
    }
    const med = medianOfRuns(runs);
    const figures = {
      clients: CLIENTS,
      p50_ms: med.p50_ms,
      p99_ms: med.p99_ms,
      ratio_vs_raw: med.ratio_vs_raw,
    };
    for (const p of problems) console.log(`P1 FAILURE ${p}`);
    await report({
      id: 'P1',
      figures,
      baseline: { raw_p50_ms: med.raw_p50_ms, raw_p99_ms: med.raw_p99_ms },
      goal: GOAL,
      pass: problems.length === 0 && meetsGoal(figures, GOAL),
      details: {
        runs,
        medians: med,
        problems,
        settings: {
          clients: CLIENTS,
          probes: PROBES,
          spacingMs: SPACING_MS,
          accounts: `${ACCOUNTS_PER_KIND} commanders of the incident, ${ACCOUNTS_PER_KIND} observers`,
          tickMs: m.config.REALTIME_TICK_MS,
          loaded: `probes amid ${BACKGROUND_PER_S} other reports/s: pushes coalesce into ticks, so a probe waits up to one tick`,
          connectMs: Math.round(connected.ms),
        },
      },
    });
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    clients?.command({ type: 'close' });
    clients?.child.kill();
    raw.disconnectSockets(true);
    await raw.close(); // and its HTTP server
    await m?.stop();
    await env.cleanup();
  }
}

await main();
