import type { JsMsg } from '@nats-io/jetstream';
import { ZEventEnvelope, eventSchemas, subjectFor } from '@muster/contracts';
import type { BusConnection } from '../bus/connection.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { createOrderedFeed, type OrderedFeed } from './ordered-feed.ts';
import type { LivePosition } from './positions.ts';

const TYPE = 'forces.position.reported';
const MAX_CLOCK_AHEAD_MS = 60_000;

/** The position carried by a message, or why it is dropped (a reason, never its content). */
export function parsePosition(msg: JsMsg): LivePosition | string {
  let raw: unknown;
  try {
    raw = msg.json();
  } catch {
    return 'not_json';
  }
  const env = ZEventEnvelope.safeParse(raw);
  if (!env.success || env.data.type !== TYPE) return 'invalid_envelope';
  if (env.data.version > eventSchemas[TYPE].version) return 'newer_version';
  const d = eventSchemas[TYPE].schema.safeParse(env.data.data);
  if (!d.success) return 'invalid_position';
  // A device clock far ahead would make every later report look stale; its time is capped.
  const reportedAtMs = Math.min(Date.parse(d.data.reportedAt), Date.now() + MAX_CLOCK_AHEAD_MS);
  const incidentId = d.data.incidentId ?? env.data.incidentId;
  return {
    teamId: d.data.teamId,
    ...(incidentId ? { incidentId } : {}),
    lon: d.data.lon,
    lat: d.data.lat,
    ...(d.data.accuracyM !== undefined ? { accuracyM: d.data.accuracyM } : {}),
    reportedAt: d.data.reportedAt,
    reportedAtMs,
    exercise: env.data.exercise,
  };
}

/**
 * Reads `forces.position.reported` from the positions stream with an ordered consumer of this
 * instance's own (ordered-feed.ts): every gateway instance sees every position. On start it reads
 * back `lookbackS` of positions to fill the map; stale reports are dropped by the store.
 */
export function createPositionFeed(o: {
  bus: BusConnection;
  stream: string;
  namespace: string;
  lookbackS: number;
  logger: Logger;
  metrics: Metrics;
  onPosition(p: LivePosition): void;
}): OrderedFeed {
  return createOrderedFeed({
    bus: o.bus,
    stream: o.stream,
    subject: subjectFor(o.namespace, TYPE),
    lookbackS: o.lookbackS,
    name: 'positions',
    logger: o.logger,
    onMessage(m) {
      const p = parsePosition(m);
      if (typeof p === 'string') o.metrics.realtimeDropped.inc({ reason: p });
      else o.onPosition(p);
    },
  });
}
