import type { JsMsg } from '@nats-io/jetstream';
import { eventSchemas, subjectFor, type AppEvent } from '@muster/contracts';
import { feedReason, parseEvent } from '../bus/parse-event.ts';
import type { BusConnection } from '../bus/connection.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { createOrderedFeed, type OrderedFeed } from './ordered-feed.ts';
import type { LivePosition } from './positions.ts';

const TYPE = 'forces.position.reported';
const MAX_CLOCK_AHEAD_MS = 60_000;

/** The position carried by a message, or why it is dropped (a reason, never its content). */
export function parsePosition(msg: JsMsg): LivePosition | string {
  const p = parseEvent(msg, TYPE, eventSchemas);
  if (!('event' in p)) return feedReason(p.reason, 'invalid_position');
  const event = p.event as AppEvent<typeof TYPE>;
  const d = event.data;
  // A device clock far ahead would make every later report look stale; its time is capped.
  const reportedAtMs = Math.min(Date.parse(d.reportedAt), Date.now() + MAX_CLOCK_AHEAD_MS);
  const incidentId = d.incidentId ?? event.incidentId;
  return {
    teamId: d.teamId,
    ...(incidentId ? { incidentId } : {}),
    lon: d.lon,
    lat: d.lat,
    ...(d.accuracyM !== undefined ? { accuracyM: d.accuracyM } : {}),
    reportedAt: d.reportedAt,
    reportedAtMs,
    exercise: event.exercise,
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
