import type { JsMsg } from '@nats-io/jetstream';
import { eventSchemas, subjectFor, type AppEvent } from '@muster/contracts';
import { feedReason, parseEvent } from '../bus/parse-event.ts';
import type { BusConnection } from '../bus/connection.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { createOrderedFeed, type OrderedFeed } from './ordered-feed.ts';

const TYPE = 'response.incident.closed';

/** The incident a closure message names, or why it is dropped (a reason, never its content). */
export function parseClosure(msg: JsMsg): { incidentId: string } | string {
  const p = parseEvent(msg, TYPE, eventSchemas);
  if (!('event' in p)) return feedReason(p.reason, 'invalid_closure');
  return { incidentId: (p.event as AppEvent<typeof TYPE>).data.incidentId };
}

/**
 * Reads `response.incident.closed` with an ordered consumer of this instance's own, like the
 * position feed, so every gateway instance drops what it holds of a closed incident (a shared
 * durable consumer would tell only one of them). It reads back as far as the position feed does,
 * so positions read back at a start are dropped too when their incident closed meanwhile.
 */
export function createClosureFeed(o: {
  bus: BusConnection;
  stream: string;
  namespace: string;
  lookbackS: number;
  logger: Logger;
  metrics: Metrics;
  onClosed(incidentId: string): void;
}): OrderedFeed {
  return createOrderedFeed({
    bus: o.bus,
    stream: o.stream,
    subject: subjectFor(o.namespace, TYPE),
    lookbackS: o.lookbackS,
    name: 'closures',
    logger: o.logger,
    onMessage(m) {
      const c = parseClosure(m);
      if (typeof c === 'string') o.metrics.realtimeDropped.inc({ reason: c });
      else o.onClosed(c.incidentId);
    },
  });
}
