import fc from 'fast-check';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  POINT_KINDS,
  ZMonitoringPoint,
  fileImports,
  outsideFeeds,
  type FeedContract,
} from '@muster/contracts';
import type { TestEnv } from '../../../backend/src/testing/env.ts';
import { buildPoint } from '../../../backend/src/testing/monitoring.ts';
import { startBackend, type FuzzBackend } from './backend.ts';
import {
  accepted,
  busFeeds,
  feedMessageArb,
  publish,
  settle,
  type FeedHints,
} from './feed-fuzz.ts';
import { fuzzRequest, type HttpTarget } from './http-fuzz.ts';
import { operationsOf, requestArb } from './operations.ts';
import { createRowCounter, changedTables } from './row-counts.ts';
import { socketPhase } from './socket-phase.ts';
import { FuzzFinding, check, count, newTally, type Tally } from './tally.ts';
import { createFuzzWorld } from './world.ts';
import { xmlDocuments } from './xml.ts';

/** How much to fuzz: runs per target, the seed, and optionally one target (a name prefix). */
export interface FuzzPlan {
  seed: number;
  httpRunsPerOperation: number;
  importRunsPerImporter: number;
  socketBatches: number;
  feedRunsPerFeed: number;
  only?: string;
  path?: string;
}

/** The settings of a backend process on this run's database and namespace. */
function backendEnv(env: TestEnv, roles: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    NATS_URL: env.natsUrl,
    MUSTER_NAMESPACE: env.namespace,
    MUSTER_ROLES: roles,
    INSTANCE_ID: `fuzz-${env.namespace}-${roles.replace(/,/g, '-')}`,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: '5',
    ARGON2_MEMORY_KIB: '1024',
    SWEEP_EVERY_MS: '60000',
    ...env.keys,
  };
}

/**
 * The whole fuzz run. HTTP, imports and sockets go to a backend with the api and realtime roles
 * only, so no consumer or sweep writes in the background and every row-count change belongs to
 * the request just sent; outside-fed subjects then go to a backend with every role.
 */
export async function runFuzz(env: TestEnv, plan: FuzzPlan): Promise<Tally> {
  const tally = newTally();
  const want = (name: string) =>
    !plan.only || name.startsWith(plan.only) || plan.only.startsWith(name);
  const opts = (runs: number) => ({
    seed: plan.seed,
    runs,
    ...(plan.path ? { path: plan.path } : {}),
  });
  const world = await createFuzzWorld(env);
  const counter = await createRowCounter(world.database.sql);
  let backend: FuzzBackend | undefined = await startBackend(backendEnv(env, 'api,realtime'));
  try {
    const doc: unknown = await (await fetch(`${backend.base}/api/openapi.json`)).json();
    const { operations, resolve } = operationsOf(doc);
    const t: HttpTarget = {
      backend,
      world,
      counter,
      tally,
      pool: [],
      baseline: await counter.snapshot(),
      sinceHealth: 0,
    };
    for (const op of operations) {
      const name = `http:${op.id}`;
      if (!want(name)) continue;
      t.baseline = await counter.snapshot();
      await check(tally, name, opts(plan.httpRunsPerOperation), requestArb(op, resolve), (r) =>
        fuzzRequest(t, op, r),
      );
    }
    for (const [name, imp] of Object.entries(fileImports)) {
      const op = operations.find((o) => o.id === imp.operationId);
      if (!want(`import:${name}`)) continue;
      if (!op)
        throw new Error(
          `importer ${name} names operation ${imp.operationId}, which the API does not have`,
        );
      const arb = fc
        .tuple(
          requestArb(op, resolve),
          xmlDocuments(imp.examples),
          fc.constantFrom(imp.contentType, imp.contentType, 'application/xml', 'text/plain'),
        )
        .map(([r, text, contentType]) => ({
          ...r,
          body: { kind: 'raw' as const, text, contentType },
        }));
      t.baseline = await counter.snapshot();
      await check(tally, `import:${name}`, opts(plan.importRunsPerImporter), arb, (r) =>
        fuzzRequest(t, op, r),
      );
    }
    if (want('socket'))
      await socketPhase(
        { backend, world, counter, tally },
        { ...opts(plan.socketBatches), ...(plan.only ? { only: plan.only } : {}) },
      );
    await backend.stop();
    backend = undefined;

    if (!want('feed')) return tally;
    backend = await startBackend(backendEnv(env, 'api,consumers,realtime'));
    await feedPhase(env, backend, world, tally, plan, want);
    return tally;
  } finally {
    await backend?.stop();
    await world.close();
  }
}

async function feedPhase(
  env: TestEnv,
  backend: FuzzBackend,
  world: Awaited<ReturnType<typeof createFuzzWorld>>,
  tally: Tally,
  plan: FuzzPlan,
  want: (name: string) => boolean,
): Promise<void> {
  const nc = await connect({ servers: env.natsUrl.split(',') });
  try {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const counter = await createRowCounter(world.database.sql);
    // What the HTTP phase left on the bus is applied first.
    const unsent = async () =>
      (
        await world.database.sql<{ n: number }[]>`
          select count(*)::int as n from outbox where sent_at is null`
      )[0]!.n;
    await settle(jsm, env.namespace, 60_000, unsent);
    const feeds: Record<string, FeedContract> = {
      ...outsideFeeds,
      ...(await busFeeds(jsm, env.namespace)),
    };
    for (const [name, feed] of Object.entries(feeds)) {
      if (!want(`feed:${name}`)) continue;
      const hints = await feedHints(name, backend, world);
      let baseline = await counter.snapshot();
      await check(
        tally,
        `feed:${name}`,
        { seed: plan.seed, runs: plan.feedRunsPerFeed, ...(plan.path ? { path: plan.path } : {}) },
        feedMessageArb(feed, hints),
        async (m) => {
          const failuresBefore = backend.failures.length;
          if (!(await publish(nc, js, env.namespace, feed, m))) return;
          count(tally, 'nats');
          await settle(jsm, env.namespace, 30_000, unsent);
          if (feed.transport === 'core') await new Promise((r) => setTimeout(r, 100));
          if (!backend.alive())
            throw new FuzzFinding(
              'crash',
              `the backend died: ${backend.failures.map((f) => f.line).join('\n')}`,
            );
          const logged = backend.failures.slice(failuresBefore);
          if (logged.length > 0)
            throw new FuzzFinding('crash', `the backend logged a failure: ${logged[0]!.line}`);
          const after = await counter.snapshot();
          const changed = changedTables(baseline, after);
          baseline = after;
          if (changed.length > 0) tally.wrote++;
          if (!accepted(feed, m) && changed.length > 0)
            throw new FuzzFinding(
              'write_from_rejected',
              `a refused message on ${feed.subject} wrote: ${changed.join(', ')}`,
            );
        },
      );
    }
    if (!(await backend.healthy())) tally.crashes++;
  } finally {
    await nc.close();
  }
}

/**
 * A monitoring point of the harness's own and, for it, readings and heartbeats a sensor of its
 * kind could send, for the sensor feed. Its heartbeat interval is a day, so no sweep finds it
 * silent during the run (that would write, and be counted against whatever message came next);
 * the points the HTTP phase made get random keys only.
 */
async function feedHints(
  feed: string,
  backend: FuzzBackend,
  world: Awaited<ReturnType<typeof createFuzzWorld>>,
): Promise<FeedHints> {
  if (feed !== 'monitoring.reading') return { keys: [] };
  const point = buildPoint({ heartbeatS: 86_400 });
  const res = await fetch(`${backend.base}/api/monitoring/points`, {
    method: 'POST',
    headers: { ...world.headers('admin', 'bearer'), 'content-type': 'application/json' },
    body: JSON.stringify(point),
  });
  if (res.status !== 201) throw new Error(`a monitoring point for the feed: ${res.status}`);
  const { id } = ZMonitoringPoint.parse(await res.json());
  const kind = POINT_KINDS[point.kind];
  const recently = (fromMs: number, toMs: number) =>
    fc.integer({ min: fromMs, max: toMs }).map((d) => new Date(Date.now() + d).toISOString());
  const reading = fc.record({
    observedAt: recently(-7 * 86_400_000, 60_000),
    value: fc.double({ min: kind.min, max: kind.max, noNaN: true }),
    unit: fc.constant(kind.unit),
  });
  const heartbeat = fc.record({ heartbeatAt: recently(-3_600_000, 60_000) });
  const plausible = fc.record({
    key: fc.constant(id),
    body: fc.oneof(reading, heartbeat).map((json) => ({ json })),
  });
  return { keys: [id], plausible };
}
