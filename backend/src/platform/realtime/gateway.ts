import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { REALTIME_LIMITS } from '@muster/contracts';
import type { AuditWriter } from '../access/audit-writer.ts';
import type { BusConnection } from '../bus/connection.ts';
import type { StreamNames } from '../bus/streams.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { createAccessWatch } from './access-watch.ts';
import { createBroadcaster } from './broadcaster.ts';
import { bindClientEvents } from './client-events.ts';
import { createClosureFeed } from './closure-feed.ts';
import { createClosures } from './closures.ts';
import { authenticateHandshake, type Authenticated } from './handshake.ts';
import { createLayerFeed } from './layer-feed.ts';
import type { MapLayerSource } from './layer-source.ts';
import { createLayerStore } from './layer-store.ts';
import { createLiveAudit } from './live-audit.ts';
import { createPlacement } from './placement.ts';
import { createPositionFeed } from './position-feed.ts';
import { createLatestPositions } from './positions.ts';
import { RECOVERY_WINDOW_MS, guardedRecoveryAdapter, recoveryBufferOf } from './recovery.ts';
import { createResync } from './resync.ts';
import { createRoomRegistry } from './room-registry.ts';
import { roomName } from './rooms.ts';
import { createSessionWatch } from './session-watch.ts';
import { createTickRing } from './tick-ring.ts';
import type { GatewayServer, GatewaySocket, SessionSource } from './types.ts';

export interface RealtimeGateway {
  io: GatewayServer;
  /** This start of the instance; `seq` numbers are only comparable within one epoch. */
  epoch: string;
  /** Reads the access grants and starts reading positions; call before listening. */
  start(): Promise<void>;
  /** Re-reads the access grants now (after a grant changed in this process). */
  refreshAccess(): Promise<void>;
  /** Reloads every map layer from its source (normally only after the layer feed restarts). */
  reloadLayers(): Promise<void>;
  /** The rooms a connected socket is in (diagnostics and tests). */
  roomsOf(socketId: string): string[];
  close(): Promise<void>;
}

export interface RealtimeOptions {
  config: Pick<
    Config,
    | 'INSTANCE_ID'
    | 'MUSTER_NAMESPACE'
    | 'ALLOWED_ORIGINS'
    | 'POSITIONS_MAX_AGE_S'
    | 'REALTIME_TICK_MS'
    | 'REALTIME_ACCESS_POLL_MS'
    | 'REALTIME_REPLAY_TICKS'
    | 'REALTIME_POSITIONS_LOOKBACK_S'
    | 'REALTIME_SESSION_CHECK_MS'
  >;
  clock: Clock;
  metrics: Metrics;
  logger: Logger;
  database: Database;
  bus: BusConnection;
  streams: StreamNames;
  sessions: SessionSource;
  audit: AuditWriter;
  /** The map layers the modules put on the live map (ADR 0006); none by default. */
  layers?: readonly MapLayerSource[];
}

/** Teams held on the live map at most; beyond it the team heard from longest ago is forgotten. */
const MAX_TEAMS = 50_000;

/**
 * The Socket.IO gateway (realtime role) on the API's HTTP server. WebSocket first. A socket is
 * authenticated at the handshake (handshake.ts), put in rooms the server chooses from its
 * viewer's rights (rooms.ts), and sent live positions read from NATS by this instance
 * (position-feed.ts) and the map layers the modules' sources state (layer-feed.ts), projected
 * once per room per tick through the one policy (broadcaster.ts, layer-broadcast.ts).
 * Access changes re-place sockets (access-watch.ts); ended sessions close them
 * (session-watch.ts); a closed incident's positions are forgotten (closures.ts); reconnecting
 * clients are recovered or resynced (recovery.ts, resync.ts).
 */
export function createRealtimeGateway(server: HttpServer, o: RealtimeOptions): RealtimeGateway {
  const c = o.config;
  const epoch = randomBytes(8).toString('base64url');
  const tokens = new WeakMap<GatewaySocket, Authenticated>();
  const store = createLatestPositions(MAX_TEAMS);
  const layers = createLayerStore();
  const sources = o.layers ?? [];
  const layerNames = new Set<string>();
  for (const src of sources) {
    if (layerNames.has(src.layer)) throw new Error(`two map layer sources name ${src.layer}`);
    layerNames.add(src.layer);
  }
  const schemas = new Map(sources.map((src) => [src.layer, src.schema] as const));
  const ring = createTickRing(c.REALTIME_REPLAY_TICKS);
  const registry = createRoomRegistry();
  const liveAudit = createLiveAudit({ audit: o.audit, logger: o.logger, metrics: o.metrics });

  const sessionWatch = createSessionWatch({
    sessions: o.sessions,
    tokens,
    clock: o.clock,
    logger: o.logger,
    metrics: o.metrics,
    recentMs: RECOVERY_WINDOW_MS,
    checkMs: c.REALTIME_SESSION_CHECK_MS,
  });
  // `placement` is made below; the watch calls it only once started.
  const access = createAccessWatch({
    db: o.database.db,
    sql: o.database.sql,
    pollMs: c.REALTIME_ACCESS_POLL_MS,
    logger: o.logger,
    onChange: (change) => placement.accessChanged(change),
  });
  // What a socket's map was chosen under: grants, and removals of closed incidents (both only
  // grow, so the sum changes whenever either does). `closures` is made below.
  const accessVersion = () => access.version() + closures.version();

  const allowed = c.ALLOWED_ORIGINS.map((u) => new URL(u).origin);
  const io: GatewayServer = new Server(server, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    serveClient: false,
    maxHttpBufferSize: REALTIME_LIMITS.maxClientFrameBytes,
    // Only long-polling is subject to CORS; the handshake checks the origin of both transports.
    ...(allowed.length > 0 ? { cors: { origin: allowed, credentials: true } } : {}),
    connectionStateRecovery: {
      maxDisconnectionDuration: RECOVERY_WINDOW_MS,
      // Never: the session may have ended while the connection was down.
      skipMiddlewares: false,
    },
    adapter: guardedRecoveryAdapter(
      (d) =>
        typeof d.sessionId === 'string' &&
        !sessionWatch.endedRecently(d.sessionId) &&
        (d.expiresAtMs == null || d.expiresAtMs > o.clock.now().getTime()) &&
        d.accessVersion === accessVersion(),
    ),
  });

  const deployedTo = (teamId: string) => access.deployedTo(teamId);
  const broadcaster = createBroadcaster({
    io,
    store,
    layers,
    schemas,
    ring,
    registry,
    deployedTo,
    audit: liveAudit,
    metrics: o.metrics,
    tickMs: c.REALTIME_TICK_MS,
  });
  const resync = createResync({
    epoch,
    store,
    layers,
    schemas,
    ring,
    broadcaster,
    registry,
    deployedTo,
    audit: liveAudit,
    metrics: o.metrics,
  });
  const placement = createPlacement({
    io,
    db: o.database.db,
    store,
    layers,
    schemas,
    registry,
    deployedTo,
    audit: liveAudit,
    resync,
    broadcaster,
    accessVersion,
  });
  const closures = createClosures({
    io,
    store,
    layers,
    ring,
    buffer: () => recoveryBufferOf(io.of('/').adapter),
    registry,
    deployedTo,
    broadcaster,
    resync,
    logger: o.logger,
    mapVersion: accessVersion,
  });
  const closureFeed = createClosureFeed({
    bus: o.bus,
    stream: o.streams.events,
    namespace: c.MUSTER_NAMESPACE,
    lookbackS: c.REALTIME_POSITIONS_LOOKBACK_S,
    logger: o.logger,
    metrics: o.metrics,
    onClosed: (incidentId) => closures.closed(incidentId),
  });
  const layerFeed = createLayerFeed({
    sources,
    store: layers,
    db: o.database.db,
    bus: o.bus,
    stream: o.streams.events,
    namespace: c.MUSTER_NAMESPACE,
    logger: o.logger,
    metrics: o.metrics,
    onChanged: () => broadcaster.changed(),
  });
  const feed = createPositionFeed({
    bus: o.bus,
    stream: o.streams.positions,
    namespace: c.MUSTER_NAMESPACE,
    lookbackS: c.REALTIME_POSITIONS_LOOKBACK_S,
    logger: o.logger,
    metrics: o.metrics,
    onPosition: (p) => {
      if (p.incidentId !== undefined && closures.isClosed(p.incidentId))
        o.metrics.realtimeDropped.inc({ reason: 'incident_closed' });
      else if (store.upsert(p)) broadcaster.changed();
      else o.metrics.realtimeDropped.inc({ reason: 'stale_position' });
    },
  });

  io.use(
    authenticateHandshake({
      sessions: o.sessions,
      allowedOrigins: allowed,
      tokens,
      accessVersion,
      metrics: o.metrics,
      logger: o.logger,
    }),
  );

  io.on('connection', (socket) => {
    o.metrics.sockets.inc();
    socket.on('disconnect', () => {
      o.metrics.sockets.dec();
      registry.remove(socket);
      sessionWatch.untrack(socket);
    });
    sessionWatch.track(socket);
    // Revoked between the session lookup and now: end it like the others.
    if (sessionWatch.endedRecently(socket.data.sessionId)) {
      socket.emit('session:ended', { reason: 'revoked' });
      socket.disconnect(true);
      return;
    }
    placement.place(socket);
    bindClientEvents(
      socket,
      {
        resume: (s, req) => resync.resume(s, req),
        subscribe: (s, req) => placement.subscribe(s, req),
      },
      { metrics: o.metrics, logger: o.logger },
    );
    socket.emit('server:hello', {
      instanceId: c.INSTANCE_ID,
      epoch,
      seq: broadcaster.seq(),
      serverTime: o.clock.now().toISOString(),
    });
  });

  let evictTimer: NodeJS.Timeout | undefined;
  return {
    io,
    epoch,
    async start() {
      await access.start();
      // Closures first, so positions read back at a start meet the closures read back too.
      await closureFeed.start();
      await layerFeed.start();
      await feed.start();
      evictTimer = setInterval(() => {
        store.evict(o.clock.now().getTime() - c.POSITIONS_MAX_AGE_S * 1000);
      }, 60_000);
      evictTimer.unref();
    },
    refreshAccess: () => access.refresh(),
    reloadLayers: () => layerFeed.resnapshot(),
    roomsOf: (id) => registry.roomsOf(id).map(roomName),
    async close() {
      clearInterval(evictTimer);
      broadcaster.stop();
      sessionWatch.stop();
      io.disconnectSockets(true);
      // io.close() would also close the shared HTTP server; the app closes that itself.
      io.engine.close();
      await feed.stop();
      await layerFeed.stop();
      await closureFeed.stop();
      await access.stop();
    },
  };
}
