// P7 — the incident list and an incident's timeline over HTTP: autocannon (in its own process),
// 50 connections, 1,000 incidents with 100 timeline entries each, requests alternating between
// the list (50 newest, with each one's next report due) and a random incident's timeline (its
// 100 lines), each authenticated with a bearer session. Baseline in the same run: a bare Express
// handler answering the same paths with the same bytes, under the same load.
// Goal: >= 3,000 req/s with p99 <= 50 ms.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { startMuster } from '../../backend/src/app.ts';
import { newId } from '../../backend/src/platform/ids.ts';
import { seedDemoDistrict } from '../../backend/src/platform/geo/seed.ts';
import { createAccount, login } from '../../backend/src/testing/accounts.ts';
import {
  createBenchEnv,
  envInt,
  formatFigures,
  medianOfRuns,
  meetsGoal,
  report,
  type Goal,
} from './lib.ts';
import type { LoadCommand, LoadReply } from './workers/http-load.ts';

const RUNS = envInt('BENCH_RUNS', 3);
const SECONDS = envInt('BENCH_P7_SECONDS', 10);
const CONNECTIONS = envInt('BENCH_P7_CONNECTIONS', 50);
const INCIDENTS = envInt('BENCH_P7_INCIDENTS', 1_000);
const LINES = envInt('BENCH_P7_LINES', 100);
const LIST = '/api/response/incidents?limit=50';
const GOAL: Goal = {
  text: '>=3000/s p99<=50',
  checks: [
    { figure: 'req/s', op: '>=', value: 3_000 },
    { figure: 'p99_ms', op: '<=', value: 50 },
  ],
};

function load(c: LoadCommand): Promise<LoadReply> {
  const child = fork(fileURLToPath(new URL('./workers/http-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadReply>((resolve, reject) => {
    child.once('message', (r: LoadReply) => resolve(r));
    child.once('exit', (code) => {
      if (code) reject(new Error(`load process exited ${code}`));
    });
    child.send(c);
  });
}

const env = await createBenchEnv();
try {
  const m = await startMuster(env.config({ MUSTER_ROLES: 'api', DATABASE_POOL_MAX: '20' }));
  const base = `http://127.0.0.1:${m.port}`;
  const db = m.database.db;
  await seedDemoDistrict(db);
  const ids = Array.from({ length: INCIDENTS }, () => newId());
  const sql = m.database.sql;
  const at = Date.parse('2026-07-01T00:00:00Z');
  // Seeded in bulk, as the module's tables hold them: each incident, its initial report due,
  // and its timeline lines (the first is its report, the rest other modules' events).
  await sql`
    insert into response_incidents (id, title, category, subtype, description, source, aware_at,
      location_lon, location_lat, area_codes, exercise, status, grade, criteria, created_by,
      created_at, updated_at)
    select id, '天生街道积水 ' || n, 'natural_disaster', 'urban_waterlogging', '', 'phone',
      to_timestamp(${at / 1000} + n * 60), 106.437, 29.825, array['500109001'], false, 'reported',
      'IV', '{"deaths":0,"missing":0,"injuries":0,"affected":0,"directLossFen":0}'::jsonb,
      ${ids[0]!}::uuid, now(), now()
    from unnest(${ids}::uuid[]) with ordinality as t(id, n)`;
  await sql`
    insert into response_deadlines (id, incident_id, kind, sequence, anchor_at, due_at, created_at, exercise)
    select gen_random_uuid(), id, 'initial', 1, aware_at, aware_at + interval '1 hour', now(), false
    from response_incidents`;
  await sql`
    insert into response_timeline (id, incident_id, at, kind, source, actor, summary_zh, summary_en, data, exercise)
    select gen_random_uuid(), i.id, i.aware_at + (k * interval '1 minute'),
      case when k = 1 then 'incident.reported' else 'callup.accepted' end,
      case when k = 1 then 'response' else 'forces' end, 'system',
      '队伍 ' || k || ' 接受调用，出动 6 人', 'Team ' || k || ' accepted with 6 people',
      jsonb_build_object('callupId', i.id, 'teamId', gen_random_uuid(), 'people', 6), false
    from response_incidents i cross join generate_series(1, ${LINES}) as k`;
  await sql`analyze`;
  const observer = await createAccount(db, { role: 'observer' });
  const { bearer } = await login(base, observer.username, observer.password);
  const timelinePaths = ids.map((id) => `/api/response/incidents/${id}/timeline`);

  // The baseline answers with the very bytes Muster gave for each path.
  const bytes = new Map<string, Buffer>();
  for (const p of [LIST, ...timelinePaths]) {
    const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${bearer}` } });
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    bytes.set(p, Buffer.from(await res.arrayBuffer()));
  }
  const timelineBytes = bytes.get(timelinePaths[0]!)!.length;
  const bare = express();
  bare.get(/.*/, (req, res) => {
    res.type('application/json').send(bytes.get(req.originalUrl));
  });
  const raw: Server = createServer(bare);
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', () => r()));
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;

  const command = (url: string): LoadCommand => ({
    url,
    token: bearer,
    connections: CONNECTIONS,
    seconds: SECONDS,
    listPath: LIST,
    timelinePaths: [...timelinePaths].sort(() => Math.random() - 0.5),
  });
  // Warm-up: JIT, pools and PostgreSQL's caches.
  await load({ ...command(base), seconds: 2 });
  const own: Record<'req/s' | 'p99_ms' | 'p50_ms' | 'cpu_ms_per_req', number>[] = [];
  const bareRuns: Record<'raw_req/s' | 'raw_p99_ms' | 'raw_cpu_ms_per_req', number>[] = [];
  const failures: LoadReply[] = [];
  // Both servers live in this process and take turns: its CPU time per request answered is
  // what each costs, whatever else the shared machine is doing meanwhile.
  const measured = async (url: string) => {
    const before = process.cpuUsage();
    const r = await load(command(url));
    const used = process.cpuUsage(before);
    return { r, cpuMs: (used.user + used.system) / 1000 / Math.max(1, r.requests) };
  };
  for (let i = 0; i < RUNS; i++) {
    const { r: a, cpuMs: aCpu } = await measured(base);
    const { r: b, cpuMs: bCpu } = await measured(rawUrl);
    if (a.non2xx + a.errors + a.timeouts > 0) failures.push(a);
    own.push({ 'req/s': a.rps, p99_ms: a.p99, p50_ms: a.p50, cpu_ms_per_req: aCpu });
    bareRuns.push({ 'raw_req/s': b.rps, raw_p99_ms: b.p99, raw_cpu_ms_per_req: bCpu });
    console.log(`run ${i + 1}: ${formatFigures(own.at(-1)!)} ${formatFigures(bareRuns.at(-1)!)}`);
  }
  // Where the time goes: the same load on a route that authenticates and reads no table.
  const authOnly = await load({
    ...command(base),
    listPath: '/api/response/incident-types',
    timelinePaths: ['/api/response/incident-types'],
  });
  console.log(`authenticated, no query: req/s=${Math.round(authOnly.rps)} p99_ms=${authOnly.p99}`);
  const figures = medianOfRuns(own);
  const baseline = medianOfRuns(bareRuns);
  await new Promise<void>((r) => raw.close(() => r()));
  await m.stop();
  await report({
    id: 'P7',
    figures: {
      ...figures,
      ratio_vs_raw: figures['req/s'] / baseline['raw_req/s'],
      ratio_cpu_vs_raw: figures.cpu_ms_per_req / baseline.raw_cpu_ms_per_req,
    },
    baseline,
    goal: GOAL,
    // A fast server that answers errors fails, whatever its rate.
    pass: meetsGoal(figures, GOAL) && failures.length === 0,
    details: {
      runs: own,
      rawRuns: bareRuns,
      seconds: SECONDS,
      connections: CONNECTIONS,
      incidents: INCIDENTS,
      linesPerIncident: LINES,
      listBytes: bytes.get(LIST)!.length,
      timelineBytes,
      failures,
      authOnly: { rps: authOnly.rps, p99: authOnly.p99 },
    },
  });
} finally {
  await env.cleanup();
}
