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
import { PULL_EXPIRES_MS, type BusConnection } from './connection.ts';
import { failureReason } from './consumer.ts';
import { sendToDeadLetters } from './dead-letters.ts';
import { ensureStream } from './streams.ts';

/**
 * Raw messages from outside (sensors, gateways) that are not events: no envelope, no outbox.
 * A module declares one ingest; the platform gives it its own short-lived JetStream stream
 * (`<NS>_<STREAM>`) and one durable consumer shared by every instance, and hands it batches of
 * whatever has arrived. The handler parses each message itself (outside input) and must not
 * throw for a bad message: a throw means "the batch could not be stored now". A batch is acked
 * only after its handler has returned (committed). A failed batch is split in halves and each
 * half tried again, so one message that cannot be stored (a poison message) does not hold back
 * the rest: they commit and are acked, and the poison message alone is delivered again after a
 * delay, until its last delivery sends it to the dead-letter subject with the reason.
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
  /** Deliveries of a message that fails on its own before it is dead-lettered (default 60). */
  maxDeliver?: number;
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
/** About a minute of retries (at `RETRY_MS`): readings are only worth their time. */
const MAX_DELIVER = 60;

/**
 * Handler calls a failed batch may spend finding its poison: splitting in halves, one poison
 * message among n costs two calls per halving. When every call fails (the database is down)
 * the budget ends the search, and the rest of the batch is simply delivered again.
 */
const splitBudget = (n: number) => 2 * Math.ceil(Math.log2(Math.max(n, 1))) + 3;

/** Provisions the ingest's stream and consumer and runs its batch loop until stopped. */
export async function startIngest(
  bus: BusConnection,
  def: IngestDefinition,
  o: { namespace: string; replicas: number; logger: Logger },
): Promise<IngestRunner> {
  const stream = `${o.namespace.toUpperCase()}_${def.stream}`;
  const maxDeliver = def.maxDeliver ?? MAX_DELIVER;
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
    // One more than ours: the last delivery is the one on which a message is dead-lettered.
    max_deliver: maxDeliver + 1,
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

  /** One message that failed on its own: again after a delay, or to the dead letters at last. */
  async function failedAlone(m: JsMsg, err: unknown): Promise<void> {
    const n = m.info.deliveryCount;
    if (n < maxDeliver) {
      m.nak(RETRY_MS);
      return;
    }
    const reason = failureReason(err);
    try {
      await sendToDeadLetters(bus.js, o.namespace, def.name, m, reason);
      o.logger.error({ ingest: def.name, seq: m.seq, reason }, 'ingest message dead-lettered');
    } catch (e) {
      o.logger.warn({ err: e, ingest: def.name }, 'dead-letter publish failed; will retry');
      m.nak(RETRY_MS);
    }
  }

  async function apply(batch: JsMsg[]): Promise<void> {
    let budget = splitBudget(batch.length);
    async function attempt(part: JsMsg[]): Promise<void> {
      if (budget-- <= 0) {
        for (const m of part) m.nak(RETRY_MS);
        return;
      }
      try {
        await def.handleBatch(
          part.map((m) => ({ subject: m.subject.slice(prefix.length), data: m.data })),
        );
      } catch (err) {
        if (part === batch)
          o.logger.warn(
            { ingest: def.name, count: batch.length, reason: failureReason(err) },
            'ingest batch failed; trying its halves',
          );
        if (part.length === 1) return failedAlone(part[0]!, err);
        const mid = part.length >> 1;
        await attempt(part.slice(0, mid));
        await attempt(part.slice(mid));
        return;
      }
      for (const m of part) m.ack();
    }
    await attempt(batch);
  }

  async function loop(): Promise<void> {
    while (running) {
      const queue: JsMsg[] = [];
      let ended = false;
      try {
        const consumer = await bus.js.consumers.get(stream, def.name);
        messages = await consumer.consume({
          max_messages: def.batch * 2,
          expires: PULL_EXPIRES_MS,
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
