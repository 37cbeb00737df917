import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { ZEventEnvelope, eventSchemas, subjectFor } from '@muster/contracts';
import type { BusConnection } from '../bus/connection.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { LivePosition } from './positions.ts';

const TYPE = 'forces.position.reported';
const MAX_CLOCK_AHEAD_MS = 60_000;

export interface PositionFeed {
  start(): Promise<void>;
  stop(): Promise<void>;
}

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
 * instance's own (ephemeral, in memory, no acks), so every gateway instance sees every position
 * — unlike the shared durable consumers, where an event goes to one instance. On start it reads
 * back `lookbackS` of positions to fill the map; a reconnect resumes where it left off.
 */
export function createPositionFeed(o: {
  bus: BusConnection;
  stream: string;
  namespace: string;
  lookbackS: number;
  logger: Logger;
  metrics: Metrics;
  onPosition(p: LivePosition): void;
}): PositionFeed {
  let running = false;
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;
  let ready: (() => void) | undefined;

  const onMessage = (m: JsMsg) => {
    const p = parsePosition(m);
    if (typeof p === 'string') o.metrics.realtimeDropped.inc({ reason: p });
    else o.onPosition(p);
  };

  async function run(): Promise<void> {
    let backS = o.lookbackS;
    while (running) {
      try {
        // The server's wall clock, not the injected one: JetStream compares with its own time.
        const since = new Date(Date.now() - backS * 1000).toISOString();
        const consumer = await o.bus.js.consumers.get(o.stream, {
          filter_subjects: subjectFor(o.namespace, TYPE),
          ...(backS > 0
            ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since }
            : { deliver_policy: DeliverPolicy.New }),
        });
        messages = await consumer.consume({ max_messages: 1000, callback: onMessage });
        ready?.();
        await messages.closed();
      } catch (err) {
        ready?.();
        if (!running) break;
        o.logger.warn({ err }, 'position feed failed; restarting');
        await new Promise((r) => setTimeout(r, 1000));
      }
      // A fresh consumer after a failure re-reads a short while back; stale reports are dropped.
      backS = 10;
    }
  }

  return {
    async start() {
      running = true;
      await new Promise<void>((resolve) => {
        ready = resolve;
        loop = run();
      });
    },
    async stop() {
      running = false;
      messages?.stop();
      await loop;
    },
  };
}
