import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Logger } from '../logger.ts';
import type { BusConnection } from './connection.ts';
import { ensureStream } from './streams.ts';

/**
 * Raw messages from outside (sensors, gateways) that are not events: no envelope, no outbox.
 * A module declares one ingest; the platform gives it its own short-lived JetStream stream
 * (`<NS>_<STREAM>`) and one durable consumer shared by every instance, and hands it batches of
 * whatever has arrived. The handler parses each message itself (outside input) and must not
 * throw for a bad message: a throw means "the batch could not be stored now", and every message
 * of the batch is delivered again after a delay.
 */
export interface IngestDefinition {
  /** Durable consumer name, e.g. `monitoring__readings`. */
  name: string;
  /** Stream suffix: `READINGS` → `<NS>_READINGS`. */
  stream: string;
  /** Subjects under the namespace, e.g. `monitoring.reading.>`. */
  subjects: string[];
  maxAgeS: number;
  /** Messages applied per call, at most. */
  batch: number;
  handleBatch(messages: readonly IngestMessage[]): Promise<void>;
}

export interface IngestMessage {
  /** The subject without the namespace, e.g. `monitoring.reading.<pointId>`. */
  subject: string;
  data: Uint8Array;
}

export interface IngestRunner {
  stop(): Promise<void>;
  /** Name of the stream, for tests and status. */
  stream: string;
}

const RETRY_MS = 1000;

/** Provisions the ingest's stream and consumer and runs its batch loop until stopped. */
export async function startIngest(
  bus: BusConnection,
  def: IngestDefinition,
  o: { namespace: string; replicas: number; logger: Logger },
): Promise<IngestRunner> {
  const stream = `${o.namespace.toUpperCase()}_${def.stream}`;
  await ensureStream(bus.jsm, {
    name: stream,
    subjects: def.subjects.map((s) => `${o.namespace}.${s}`),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(def.maxAgeS * 1000),
    duplicate_window: nanos(Math.min(120, def.maxAgeS) * 1000),
    num_replicas: o.replicas,
    discard: DiscardPolicy.Old,
  });
  const cfg = {
    durable_name: def.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(30_000),
    // A batch that keeps failing is retried for about a minute, then dropped: readings are
    // only worth their time, and a stuck batch must not hold the stream.
    max_deliver: 60,
    max_ack_pending: Math.max(10_000, def.batch * 8),
  };
  try {
    await bus.jsm.consumers.add(stream, cfg);
  } catch (err) {
    if (!(err instanceof JetStreamApiError)) throw err;
    const { durable_name: _d, deliver_policy: _p, ...updatable } = cfg;
    await bus.jsm.consumers.update(stream, def.name, updatable);
  }
  const prefix = `${o.namespace}.`;
  let running = true;
  let messages: ConsumerMessages | undefined;
  let wake: (() => void) | undefined;

  async function apply(batch: JsMsg[]): Promise<void> {
    try {
      await def.handleBatch(
        batch.map((m) => ({ subject: m.subject.slice(prefix.length), data: m.data })),
      );
      for (const m of batch) m.ack();
    } catch (err) {
      o.logger.warn(
        { err, ingest: def.name, count: batch.length },
        'ingest batch failed; will retry',
      );
      for (const m of batch) m.nak(RETRY_MS);
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      const queue: JsMsg[] = [];
      let ended = false;
      try {
        const consumer = await bus.js.consumers.get(stream, def.name);
        messages = await consumer.consume({
          max_messages: def.batch * 2,
          callback: (m) => {
            queue.push(m);
            wake?.();
          },
        });
        void messages.closed().then(() => {
          ended = true;
          wake?.();
        });
        while (running && !ended) {
          if (queue.length === 0) {
            await new Promise<void>((r) => (wake = r));
            wake = undefined;
            continue;
          }
          await apply(queue.splice(0, def.batch));
        }
        for (const m of queue.splice(0)) m.nak();
      } catch (err) {
        for (const m of queue.splice(0)) m.nak();
        if (!running) break;
        o.logger.warn({ err, ingest: def.name }, 'ingest loop failed; restarting');
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }
  const done = loop();
  return {
    stream,
    async stop() {
      running = false;
      messages?.stop();
      wake?.();
      await done;
    },
  };
}
