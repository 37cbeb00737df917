import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  subjectFor,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type TMapPosition,
  type TPositionReported,
} from '@muster/contracts';
import type { Muster } from '../app.ts';
import { newId } from '../platform/ids.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A websocket client of the gateway; not connected until `open`. */
export function gatewayClient(
  m: Muster,
  o: {
    token?: string;
    cookie?: string;
    origin?: string;
    query?: Record<string, string>;
    reconnection?: boolean;
  } = {},
): TestSocket {
  const headers: Record<string, string> = {};
  if (o.cookie) headers.cookie = o.cookie;
  if (o.origin) headers.origin = o.origin;
  return io(`http://127.0.0.1:${m.port}`, {
    transports: ['websocket'],
    reconnection: o.reconnection ?? false,
    autoConnect: false,
    ...(o.token ? { auth: { token: o.token } } : {}),
    ...(o.query ? { query: o.query } : {}),
    extraHeaders: headers,
  });
}

/** Connects; resolves on `connect`, rejects with the `connect_error` (its `data` kept). */
export function open(socket: TestSocket): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
    socket.connect();
  });
}

/** The `data.code` of the `connect_error` a handshake ends with ('connected' if it did not). */
export async function refusalCode(socket: TestSocket): Promise<string> {
  try {
    await open(socket);
    return 'connected';
  } catch (err) {
    const data = (err as { data?: { code?: unknown } }).data;
    return typeof data?.code === 'string' ? data.code : `no code: ${String(err)}`;
  } finally {
    socket.close();
  }
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Everything a socket receives of one event, in order, from now on. */
export function record<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Payload<E>[] {
  const got: Payload<E>[] = [];
  socket.onAny((name: string, payload: unknown) => {
    if (name === event) got.push(payload as Payload<E>);
  });
  return got;
}

/** Positions of one team among recorded `map:positions` batches. */
export function positionsOf(
  batches: readonly { positions: TMapPosition[] }[],
  teamId: string,
): TMapPosition[] {
  return batches.flatMap((b) => b.positions.filter((p) => p.teamId === teamId));
}

/**
 * Publishes `forces.position.reported` straight to JetStream, as the forces module's outbox relay
 * would: a full envelope, its id as the de-duplication id.
 */
export async function publishPosition(
  m: Muster,
  data: Omit<TPositionReported, 'reportedAt'> & { reportedAt?: string },
  o: { exercise?: boolean } = {},
): Promise<void> {
  const id = newId();
  const envelope = {
    id,
    type: 'forces.position.reported',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'forces',
    actor: 'system',
    ...(data.incidentId ? { incidentId: data.incidentId } : {}),
    exercise: o.exercise ?? false,
    correlationId: randomUUID(),
    data: { ...data, reportedAt: data.reportedAt ?? new Date().toISOString() },
  };
  await m.bus.js.publish(
    subjectFor(m.config.MUSTER_NAMESPACE, 'forces.position.reported'),
    JSON.stringify(envelope),
    { msgID: id },
  );
}

/** Publishes `response.incident.closed` straight to JetStream, as the response module's relay would. */
export async function publishIncidentClosed(m: Muster, incidentId: string): Promise<void> {
  const id = newId();
  const envelope = {
    id,
    type: 'response.incident.closed',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'response',
    actor: 'system',
    incidentId,
    exercise: false,
    correlationId: randomUUID(),
    data: { incidentId, closedAt: new Date().toISOString() },
  };
  await m.bus.js.publish(
    subjectFor(m.config.MUSTER_NAMESPACE, 'response.incident.closed'),
    JSON.stringify(envelope),
    { msgID: id },
  );
}

/** Settings for a gateway under test: fast ticks and access polls, an allowed foreign origin. */
export const REALTIME_TEST_CONFIG = {
  MUSTER_ROLES: 'api,realtime',
  REALTIME_TICK_MS: '20',
  REALTIME_ACCESS_POLL_MS: '200',
  ALLOWED_ORIGINS: 'http://map.example',
} as const;

/** Waits until no event has arrived for `ms` (to assert that something did NOT come). */
export const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));
