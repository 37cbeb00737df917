import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import {
  accessRoutes,
  auditRoutes,
  mapRoutes,
  personalDataRoutes,
  buildOpenApiDocument,
  eventSchemas,
  systemRoutes,
  type AppRegistry,
  type RouteContract,
} from '@muster/contracts';
import type { Config } from './platform/config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMetrics, type Metrics } from './platform/metrics.ts';
import { createDatabase, type Database } from './platform/db/client.ts';
import { runMigrations, waitForDatabase } from './platform/db/migrate.ts';
import { createReadCache } from './platform/db/read-cache.ts';
import { connectBus, type BusConnection } from './platform/bus/connection.ts';
import { provisionStreams, type StreamNames } from './platform/bus/streams.ts';
import { createOutbox, type Outbox } from './platform/bus/outbox.ts';
import { createOutboxRelay, type OutboxRelay } from './platform/bus/relay.ts';
import {
  createConsumerRunner,
  type ConsumerDefinition,
  type ConsumerRunner,
} from './platform/bus/consumer.ts';
import { answerClientErrors } from './platform/http/client-errors.ts';
import { createHttpApp } from './platform/http/app.ts';
import { createRealtimeGateway, type RealtimeGateway } from './platform/realtime/gateway.ts';
import type { MapLayerSource } from './platform/realtime/layer-source.ts';
import { mapConfigRouter } from './platform/realtime/map-config.ts';
import { probeConsumer, systemRouter } from './platform/system.ts';
import { createAccess, requireRole, requireViewer } from './platform/access/index.ts';
import { createAuditWriter, type AuditWriter } from './platform/access/audit.ts';
import { auditRouter } from './platform/access/audit-routes.ts';
import { holdsRouter } from './platform/access/holds-routes.ts';
import {
  createDestructionRunner,
  destroyOnCloseConsumer,
  type DestructionRunner,
  type PersonalDataHolder,
} from './platform/access/destruction.ts';
import { createSealer } from './platform/access/crypto.ts';
import { createRunClockView, createRunClocks, type RunClocks } from './platform/sim-clock.ts';
import { createPdfRenderer, type PdfRenderer } from './platform/pdf.ts';
import { createSweepRunner, type Sweep, type SweepRunner } from './platform/sweeps.ts';
import { createForcesModule } from './modules/forces/index.ts';
import { createMonitoringModule } from './modules/monitoring/index.ts';
import { createRequisitionModule } from './modules/requisition/index.ts';
import { createResponseModule } from './modules/response/index.ts';
import { createDrillsModule, type DrillsModule } from './modules/drills/index.ts';
import { insertAccount } from './platform/access/accounts.ts';
import { randomBytes } from 'node:crypto';

export const VERSION = '0.1.0';

export interface Muster {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  database: Database;
  bus: BusConnection;
  streams: StreamNames;
  outbox: Outbox<AppRegistry>;
  relay: OutboxRelay | undefined;
  consumers: ConsumerRunner<AppRegistry>;
  /** The one writer of the audit chain; modules append through it. */
  audit: AuditWriter;
  destruction: DestructionRunner;
  /** The time of each drill run (simulated), shared by every module; real time without a run. */
  runClocks: RunClocks;
  /** Prints PDFs (reports, certificates) with headless Chromium; modules that print get it. */
  pdf: PdfRenderer;
  /** Due work of every module (deadlines, timeouts); runs in the consumers role. */
  sweeps: SweepRunner;
  /** The Socket.IO gateway, when this process runs the realtime role. */
  realtime: RealtimeGateway | undefined;
  /** The bound port (useful with PORT=0). */
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Extra consumers to run (the consumers role), after the modules' own. */
  extraConsumers?: ConsumerDefinition<AppRegistry>[];
  /** What each module holds of personal information per incident, for destruction at its end. */
  personalDataHolders?: PersonalDataHolder[];
  /** How often due destruction jobs are run (consumers role). */
  destructionEveryMs?: number;
  /** Extra sweeps to run (the consumers role), after the modules' own. */
  extraSweeps?: Sweep[];
  /**
   * Extra map layers for the live map (the realtime role), after the modules' own; one named like
   * a module's layer stands in for it (a test scene, a benchmark).
   */
  extraMapLayers?: MapLayerSource[];
}

/** The modules' map layers, each replaced by an extra layer of the same name, then the rest. */
function mapLayersOf(
  modules: readonly MapLayerSource[],
  extra: readonly MapLayerSource[],
): MapLayerSource[] {
  const named = new Map(extra.map((l) => [l.layer, l]));
  const kept = modules.map((l) => named.get(l.layer) ?? l);
  const taken = new Set(kept.map((l) => l.layer));
  return [...kept, ...extra.filter((l) => !taken.has(l.layer))];
}

/**
 * The composition root: builds db, bus, logger and metrics once and hands each part only what it
 * uses. The roles in `MUSTER_ROLES` decide what this process runs.
 */
export async function startMuster(config: Config, opts: StartOptions = {}): Promise<Muster> {
  const clock = opts.clock ?? systemClock;
  const logger =
    opts.logger ?? createLogger({ level: config.LOG_LEVEL, instanceId: config.INSTANCE_ID });
  const metrics = createMetrics();
  const roles = config.MUSTER_ROLES;
  const has = (r: (typeof roles)[number]) => roles.includes(r);

  await waitForDatabase(() => runMigrations(config.DATABASE_URL), {
    waitS: config.DATABASE_WAIT_S,
    logger,
  });
  const database = createDatabase(config.DATABASE_URL, {
    max: config.DATABASE_POOL_MAX,
    appName: `muster-${config.INSTANCE_ID}`,
  });
  // The relay and the consumers get pools of their own, so a burst of API transactions never
  // queues the event pipeline behind it (one connection per consumer loop at most).
  const pipelineDb = createDatabase(config.DATABASE_URL, {
    max: config.PIPELINE_POOL_MAX,
    appName: `muster-${config.INSTANCE_ID}-pipeline`,
  });
  const bus = await connectBus({
    servers: config.NATS_URL,
    name: `muster-${config.INSTANCE_ID}`,
    logger,
  });
  metrics.busConnected.set(1);
  bus.onState((s) => metrics.busConnected.set(s === 'connected' ? 1 : 0));
  const streams = await provisionStreams(bus.nc, bus.jsm, eventSchemas, {
    namespace: config.MUSTER_NAMESPACE,
    dedupWindowS: config.EVENTS_DEDUP_WINDOW_S,
    eventsMaxAgeDays: config.EVENTS_MAX_AGE_DAYS,
    positionsMaxAgeS: config.POSITIONS_MAX_AGE_S,
    replicas: config.STREAM_REPLICAS,
  });
  const outbox = createOutbox(eventSchemas, clock);

  const relay =
    has('api') || has('consumers')
      ? createOutboxRelay({
          sql: pipelineDb.sql,
          js: bus.js,
          namespace: config.MUSTER_NAMESPACE,
          batchSize: config.OUTBOX_BATCH,
          pollMs: config.OUTBOX_POLL_MS,
          retentionHours: config.OUTBOX_RETENTION_HOURS,
          logger,
          metrics,
        })
      : undefined;
  await relay?.start();

  const audit = createAuditWriter(database.db, clock);
  // Sealing keys are read once here; a bad key setting stops start-up instead of a first write.
  const sealer = createSealer(config);
  const checkResponses = config.NODE_ENV === 'test';
  const runClocks = createRunClocks({ db: database.db, clock });
  // Every module stamps a drill's records with the run's simulated time, read from this view.
  const clockView = createRunClockView({ db: database.db, clock });
  clockView.start();
  const drillClock = (runId: string) => clockView.at(runId);
  const pdf = createPdfRenderer({ chromiumPath: config.CHROMIUM_PATH, logger });
  const forces = createForcesModule({
    db: database.db,
    drillClock,
    outbox,
    audit,
    sealer,
    clock,
    logger,
    checkResponses,
    bus,
    streams,
    namespace: config.MUSTER_NAMESPACE,
  });
  const monitoring = createMonitoringModule({
    db: database.db,
    drillClock,
    outbox,
    audit,
    clock,
    logger,
    bus,
    namespace: config.MUSTER_NAMESPACE,
    streamReplicas: config.STREAM_REPLICAS,
    readingsMaxAgeS: config.READINGS_MAX_AGE_S,
    capSender: config.CAP_SENDER,
    capSenderName: config.CAP_SENDER_NAME,
    checkResponses,
  });
  const requisition = createRequisitionModule({
    db: database.db,
    drillClock,
    outbox,
    audit,
    sealer,
    clock,
    logger,
    pdf,
    certificate: {
      issuer: config.REQUISITION_ISSUER,
      prefix: config.REQUISITION_CERTIFICATE_PREFIX,
    },
    checkResponses,
  });
  // The hottest reads, kept as sent by the processes that serve them.
  const reads =
    has('api') && config.READ_CACHE_MB > 0
      ? createReadCache({
          sql: database.sql,
          logger,
          maxBytes: config.READ_CACHE_MB * 1024 * 1024,
          staleMs: config.CACHE_STALE_MS,
        })
      : undefined;
  await reads?.start();
  const response = createResponseModule({
    db: database.db,
    drillClock,
    outbox,
    audit,
    sealer,
    clock,
    logger,
    pdf,
    checkResponses,
    ...(reads ? { reads } : {}),
  });

  // The drills runner acts through the API like any client; the access layer it needs is made
  // below, so these two are bound once it exists.
  const bound: { access?: ReturnType<typeof createAccess>; port: number } = { port: 0 };
  const drills: DrillsModule = createDrillsModule({
    db: database.db,
    outbox,
    audit,
    clock,
    logger,
    pdf,
    runClocks,
    clockView,
    checkResponses,
    // Unique per process even where two share an INSTANCE_ID (a restarted container's pid 1).
    player: {
      id: `${config.INSTANCE_ID}#${randomBytes(4).toString('hex')}`,
      leaseMs: config.DRILL_LEASE_MS,
    },
    api: {
      baseUrl: () => `http://127.0.0.1:${bound.port}`,
      async createAccount(a) {
        if (!bound.access) throw new Error('the api role is not running');
        const passwordHash = await bound.access.passwords.hash(
          randomBytes(24).toString('base64url'),
        );
        const row = await insertAccount(database.db, {
          ...a,
          status: 'active',
          passwordHash,
          at: clock.now(),
        });
        if (!row) throw new Error(`drill account ${a.username} exists`);
        return row.id;
      },
      async tokenFor(accountId) {
        if (!bound.access) throw new Error('the api role is not running');
        const sessions = bound.access.sessions;
        return database.db.transaction(
          async (tx) => (await sessions.create(tx, accountId, 'api')).token,
        );
      },
    },
  });

  const consumers = createConsumerRunner({
    db: pipelineDb.db,
    bus,
    registry: eventSchemas,
    namespace: config.MUSTER_NAMESPACE,
    streams,
    maxDeliver: config.CONSUMER_MAX_DELIVER,
    ackWaitMs: config.CONSUMER_ACK_WAIT_MS,
    batch: config.CONSUMER_BATCH,
    logger,
    metrics,
  });
  if (has('consumers')) {
    await consumers.start([
      probeConsumer(config.INSTANCE_ID, metrics),
      destroyOnCloseConsumer(clock),
      ...forces.consumers,
      ...monitoring.consumers,
      ...requisition.consumers,
      ...response.consumers,
      ...drills.consumers,
      ...(opts.extraConsumers ?? []),
    ]);
    await monitoring.startIngest();
  }

  const routes: RouteContract[] = [
    ...Object.values(systemRoutes),
    ...Object.values(accessRoutes),
    ...Object.values(auditRoutes),
    ...Object.values(personalDataRoutes),
    ...forces.routes,
    ...monitoring.routes,
    ...requisition.routes,
    ...response.routes,
    ...drills.routes,
    ...Object.values(mapRoutes),
  ];
  let openApiDoc: object | undefined;
  const routers: Router[] = [];
  const destruction = createDestructionRunner({
    db: pipelineDb.db,
    clock,
    holders: [
      ...forces.personalDataHolders,
      ...monitoring.personalDataHolders,
      ...requisition.personalDataHolders,
      ...response.personalDataHolders,
      ...(opts.personalDataHolders ?? []),
    ],
    audit,
    logger,
  });
  if (has('consumers')) destruction.start(opts.destructionEveryMs);
  const sweeps = createSweepRunner({
    sweeps: [
      ...forces.sweeps,
      ...monitoring.sweeps,
      ...requisition.sweeps,
      ...response.sweeps,
      ...(opts.extraSweeps ?? []),
    ],
    clock,
    logger,
  });
  if (has('consumers')) sweeps.start(config.SWEEP_EVERY_MS);
  const access = createAccess({
    db: database.db,
    sql: database.sql,
    clock,
    config,
    audit,
    logger,
    checkResponses: config.NODE_ENV === 'test',
  });
  bound.access = access;
  // Authentication first: every later router finds the viewer (or the public) on the request.
  if (has('api')) {
    routers.push(access.authenticate, access.router);
    access.startMaintenance();
  }
  // The realtime gateway looks sessions up too (sockets, their expiry checks).
  if (has('api') || has('realtime')) await access.start();
  if (has('api'))
    routers.push(
      holdsRouter({
        db: database.db,
        clock,
        audit,
        guard: requireRole('admin'),
        viewerOf: (req) => requireViewer(req),
        checkResponses: config.NODE_ENV === 'test',
      }),
      auditRouter({
        db: database.db,
        audit,
        guard: requireRole('admin'),
        viewerOf: (req) => requireViewer(req),
        checkResponses: config.NODE_ENV === 'test',
      }),
      forces.router,
      monitoring.router,
      requisition.router,
      response.router,
      drills.router,
      mapConfigRouter(config, { checkResponses: config.NODE_ENV === 'test' }),
    );
  routers.push(
    systemRouter({
      database,
      bus,
      outbox,
      clock,
      metrics,
      streams,
      instanceId: config.INSTANCE_ID,
      roles,
      consumerStatus: () => consumers.status(),
      checkResponses: config.NODE_ENV === 'test',
      api: has('api'),
      operatorOnly: requireRole('admin', 'duty_officer'),
    }),
  );
  const app = createHttpApp({
    trustProxy: config.TRUST_PROXY,
    logger,
    metrics,
    routers,
    openApi: () => (openApiDoc ??= buildOpenApiDocument(routes, VERSION)),
    ...(config.FRONTEND_DIST ? { staticDir: config.FRONTEND_DIST } : {}),
  });
  const server: Server = createServer(app);
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server, logger);
  const realtime: RealtimeGateway | undefined = has('realtime')
    ? createRealtimeGateway(server, {
        config,
        clock,
        metrics,
        logger,
        database,
        bus,
        streams,
        sessions: access.sessions,
        audit,
        // Each module states its own layers; the gateway projects and pushes them (ADR 0006).
        layers: mapLayersOf(
          [
            ...monitoring.mapLayers,
            ...response.mapLayers,
            ...forces.mapLayers,
            ...requisition.mapLayers,
          ],
          opts.extraMapLayers ?? [],
        ),
      })
    : undefined;
  // The sockets this process holds must end whichever process revokes their session.
  if (realtime) await access.sessions.listen();
  await realtime?.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  bound.port = port;
  if (has('api')) drills.startPlaying();

  await database.db.transaction((tx) =>
    outbox.append(tx, [
      {
        type: 'system.instance.started',
        actor: 'system',
        data: { instanceId: config.INSTANCE_ID, roles: [...roles], version: VERSION },
      },
    ]),
  );
  logger.info({ port, roles, namespace: config.MUSTER_NAMESPACE }, 'muster started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('muster stopping: draining in-flight work');
      // First, while this process still answers its own drill steps: the step in flight ends and
      // is logged, and the runs are handed back for another process to go on with.
      await drills.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await realtime?.close();
      await access.sessions.unlisten();
      await access.stop();
      await reads?.stop();
      access.stopMaintenance();
      clockView.stop();
      await destruction.stop();
      await sweeps.stop();
      await consumers.stop();
      await monitoring.stop();
      await forces.stop();
      await relay?.stop();
      await closed;
      await pdf.close();
      await bus.close();
      await pipelineDb.close();
      await database.close();
      logger.info('muster stopped');
    })());

  return {
    config,
    logger,
    metrics,
    database,
    bus,
    streams,
    outbox,
    relay,
    consumers,
    audit,
    destruction,
    runClocks,
    pdf,
    sweeps,
    realtime,
    port,
    stop,
  };
}
