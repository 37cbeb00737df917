import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  type ConsumerConfig,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  subjectFor,
  type EventData,
  type EventRegistry,
  type EventType,
  type TEvent,
} from '@muster/contracts';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { databaseUnavailable } from '../db/errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { PULL_EXPIRES_MS, type BusConnection } from './connection.ts';
import { sendToDeadLetters } from './dead-letters.ts';
import type { StreamNames } from './streams.ts';
import { parseEvent } from './parse-event.ts';

/** The parsed event a handler receives, one member of the union per declared type. */
export type HandledEvent<R extends EventRegistry, T extends EventType<R>> = T extends unknown
  ? TEvent<T, EventData<T, R>>
  : never;

/**
 * A named, idempotent event handler (`forces.on-incident-graded`). Its effect is written through
 * `tx`, in the same transaction that records the event id, so a redelivery changes nothing.
 */
export interface ConsumerDefinition<
  R extends EventRegistry,
  T extends EventType<R> = EventType<R>,
> {
  module: string;
  name: string;
  types: readonly T[];
  handle(event: HandledEvent<R, T>, tx: Tx): Promise<void>;
  /**
   * Optional: applies several new events at once (e.g. one multi-row insert) with the same
   * effect as calling `handle` for each in order. Used for batches; `handle` for retries.
   */
  handleBatch?(events: HandledEvent<R, T>[], tx: Tx): Promise<void>;
}

export interface ConsumerStatus {
  name: string;
  subject: string;
  pending: number;
  ackPending: number;
  redelivered: number;
}

export interface ConsumerRunnerOptions<R extends EventRegistry> {
  db: Db;
  bus: BusConnection;
  registry: R;
  namespace: string;
  streams: StreamNames;
  maxDeliver: number;
  ackWaitMs: number;
  batch: number;
  logger: Logger;
  metrics: Metrics;
}

export interface ConsumerRunner<R extends EventRegistry> {
  start(defs: readonly ConsumerDefinition<R>[]): Promise<void>;
  stop(): Promise<void>;
  status(): Promise<ConsumerStatus[]>;
}

/** `forces` + `on-incident-graded` + `response.incident.graded` → a JetStream durable name. */
export function durableName(module: string, name: string, type: string): string {
  return `${module}__${name}__${type}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * A failure's reason for logs and dead letters. A failed query's own message lists its
 * parameters (personal information, possibly), so only the database's error is kept.
 */
export function failureReason(err: unknown): string {
  if (!(err instanceof Error)) return 'non-error thrown';
  const cause: unknown = err.cause;
  if (err.message.startsWith('Failed query') && cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return `database error${typeof code === 'string' ? ` ${code}` : ''}: ${cause.message}`;
  }
  return `${err.name}: ${err.message}`;
}

/** How often one batch is held for a database outage before its failure counts after all. */
const MAX_HOLDS = 5;

function retryDelayMs(deliveries: number): number {
  return Math.min(30_000, 200 * 2 ** Math.max(0, deliveries - 1));
}

interface Parsed {
  msg: JsMsg;
  event: TEvent<string, unknown>;
}

type Bound = {
  def: ConsumerDefinition<EventRegistry, string>;
  type: string;
  durable: string;
  stream: string;
  subject: string;
  messages?: ConsumerMessages;
  wake?: () => void;
  loop?: Promise<void>;
};

/**
 * Runs each (module, handler, type) as one durable pull consumer shared by every instance, so an
 * event is handled once per handler however many backends run. Messages are applied in batches:
 * one transaction records the batch's ids and effects; if it fails, each message is retried on
 * its own, and one that keeps failing goes to the dead-letter subject after max-deliver while the
 * rest keep flowing.
 */
export function createConsumerRunner<R extends EventRegistry>(
  o: ConsumerRunnerOptions<R>,
): ConsumerRunner<R> {
  const bound: Bound[] = [];
  let running = false;
  let lagTimer: NodeJS.Timeout | undefined;

  async function ensureConsumer(b: Bound): Promise<void> {
    const cfg: Partial<ConsumerConfig> = {
      durable_name: b.durable,
      filter_subject: b.subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // One more than ours: the last delivery is the one on which we dead-letter the message.
      max_deliver: o.maxDeliver + 1,
      ack_wait: nanos(o.ackWaitMs),
      max_ack_pending: Math.max(1000, o.batch * 4),
    };
    try {
      await o.bus.jsm.consumers.add(b.stream, cfg);
    } catch (err) {
      if (!(err instanceof JetStreamApiError)) throw err;
      const { durable_name: _d, deliver_policy: _p, filter_subject: _f, ...updatable } = cfg;
      await o.bus.jsm.consumers.update(b.stream, b.durable, updatable);
    }
  }

  async function deadLetter(b: Bound, msg: JsMsg, reason: string): Promise<void> {
    await sendToDeadLetters(o.bus.js, o.namespace, b.durable, msg, reason);
    o.metrics.deadLetters.inc({ consumer: b.durable });
    o.logger.error(
      { consumer: b.durable, seq: msg.seq, reason: reason.slice(0, 500) },
      'event dead-lettered',
    );
  }

  function parse(b: Bound, msg: JsMsg): Parsed | string {
    const p = parseEvent(msg, b.type, o.registry);
    if ('event' in p) return { msg, event: p.event };
    switch (p.reason) {
      case 'not_json':
        return 'payload is not JSON';
      case 'invalid_envelope':
        return `invalid envelope: ${p.detail}`;
      case 'invalid_data':
        return `invalid data: ${p.detail}`;
      case 'wrong_type':
      case 'unregistered':
      case 'newer_version':
        return p.detail;
    }
  }

  async function apply(b: Bound, items: readonly Parsed[]): Promise<void> {
    await o.db.transaction(async (tx) => {
      // One statement of constant text whatever the batch size: prepared once, planned once.
      const inserted = await tx.execute<{ event_id: string }>(
        sql`insert into consumed_events (consumer, event_id)
            select ${b.durable}, unnest(${sql.param(items.map((p) => p.event.id))}::uuid[])
            on conflict do nothing returning event_id`,
      );
      const fresh = new Set(inserted.map((r) => r.event_id));
      o.metrics.consumerDuplicates.inc({ consumer: b.durable }, items.length - fresh.size);
      // Each new id once, in delivery order (a batch may hold a redelivered copy).
      const events = items.filter((p) => fresh.delete(p.event.id)).map((p) => p.event);
      if (events.length > 1 && b.def.handleBatch) {
        await b.def.handleBatch(events, tx);
        return;
      }
      for (const e of events) await b.def.handle(e, tx);
    });
  }

  async function processBatch(b: Bound, msgs: JsMsg[]): Promise<void> {
    const good: Parsed[] = [];
    for (const m of msgs) {
      const p = parse(b, m);
      if (typeof p === 'string') await deadLetter(b, m, p).catch(() => m.nak(retryDelayMs(1)));
      else good.push(p);
    }
    if (good.length === 0) return;
    let held = 0;
    for (;;) {
      try {
        await apply(b, good);
        for (const p of good) p.msg.ack();
        o.metrics.consumerApplied.inc({ consumer: b.durable }, good.length);
        return;
      } catch (err) {
        if (databaseUnavailable(err) && (await holdUntilDatabaseAnswers(good, held++))) continue;
        if (good.length === 1) return failed(b, good[0]!, err);
        break;
      }
    }
    for (const p of good) {
      for (held = 0; ;) {
        try {
          await apply(b, [p]);
          p.msg.ack();
          o.metrics.consumerApplied.inc({ consumer: b.durable });
          break;
        } catch (err) {
          if (databaseUnavailable(err) && (await holdUntilDatabaseAnswers([p], held++))) continue;
          await failed(b, p, err);
          break;
        }
      }
    }
  }

  /**
   * PostgreSQL is out of reach: that is no fault of the events, so it must not count towards
   * their dead-lettering (a redelivery would), nor wait out a redelivery back-off once the
   * database is back. The batch is held — NATS told it is still being worked on — until the
   * database answers, then applied again at once. False (give the batch to the normal failure
   * path) when stopping, or when the batch has already been held `MAX_HOLDS` times: an event
   * whose own statement breaks the connection must still reach the dead letters.
   */
  async function holdUntilDatabaseAnswers(items: readonly Parsed[], holds: number) {
    if (!running || holds >= MAX_HOLDS) return false;
    if (holds === 0)
      o.logger.warn({ count: items.length }, 'PostgreSQL out of reach; holding the batch');
    for (let attempt = 0; running; attempt++) {
      for (const p of items) p.msg.working();
      await new Promise((r) => setTimeout(r, Math.min(1_000, 100 * 2 ** attempt)));
      try {
        await o.db.execute(sql`select 1`);
        return true;
      } catch (err) {
        if (!databaseUnavailable(err)) return true;
      }
    }
    return false;
  }

  async function failed(b: Bound, p: Parsed, err: unknown): Promise<void> {
    o.metrics.consumerFailures.inc({ consumer: b.durable });
    const reason = failureReason(err);
    const n = p.msg.info.deliveryCount;
    if (n >= o.maxDeliver) {
      await deadLetter(b, p.msg, reason).catch((e: unknown) => {
        o.logger.warn({ err: e, consumer: b.durable }, 'dead-letter publish failed; will retry');
        p.msg.nak(retryDelayMs(n));
      });
    } else {
      o.logger.warn(
        { consumer: b.durable, eventId: p.event.id, deliveries: n, reason: reason.slice(0, 300) },
        'handler failed; will retry',
      );
      p.msg.nak(retryDelayMs(n));
    }
  }

  /**
   * Receives with `consume()` into a queue and applies the queue in batches from a separate
   * loop: a batch is whatever has arrived (up to the batch size) the moment the last one is done,
   * so nothing waits for a batch to fill and nothing sits unapplied.
   */
  async function runLoop(b: Bound): Promise<void> {
    while (running) {
      const queue: JsMsg[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      try {
        const consumer = await o.bus.js.consumers.get(b.stream, b.durable);
        const messages = await consumer.consume({
          max_messages: o.batch,
          expires: PULL_EXPIRES_MS,
          callback: (m) => {
            queue.push(m);
            wake?.();
          },
        });
        b.messages = messages;
        b.wake = () => wake?.();
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
          await processBatch(b, queue.splice(0, o.batch));
        }
        // Stopping: hand back what was received and not applied, for another instance.
        for (const m of queue.splice(0)) m.nak();
      } catch (err) {
        for (const m of queue.splice(0)) m.nak();
        if (!running) break;
        o.logger.warn({ err, consumer: b.durable }, 'consumer loop failed; restarting');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async function status(): Promise<ConsumerStatus[]> {
    return Promise.all(
      bound.map(async (b) => {
        try {
          const info = await o.bus.jsm.consumers.info(b.stream, b.durable);
          return {
            name: b.durable,
            subject: b.subject,
            pending: info.num_pending,
            ackPending: info.num_ack_pending,
            redelivered: info.num_redelivered,
          };
        } catch {
          return {
            name: b.durable,
            subject: b.subject,
            pending: -1,
            ackPending: -1,
            redelivered: -1,
          };
        }
      }),
    );
  }

  return {
    async start(defs) {
      running = true;
      for (const def of defs) {
        for (const type of def.types) {
          const reg = o.registry[type];
          if (!reg)
            throw new Error(`consumer ${def.module}.${def.name} handles unregistered ${type}`);
          const b: Bound = {
            def: def,
            type,
            durable: durableName(def.module, def.name, type),
            stream: reg.stream === 'positions' ? o.streams.positions : o.streams.events,
            subject: subjectFor(o.namespace, type),
          };
          await ensureConsumer(b);
          bound.push(b);
          b.loop = runLoop(b);
        }
      }
      lagTimer = setInterval(() => {
        void status().then(
          (all) => {
            for (const s of all) {
              o.metrics.consumerPending.set({ consumer: s.name }, s.pending);
              o.metrics.consumerAckPending.set({ consumer: s.name }, s.ackPending);
            }
          },
          // NATS out of reach: the gauges keep their last values until it is back.
          () => undefined,
        );
      }, 5_000);
      lagTimer.unref();
    },
    async stop() {
      running = false;
      clearInterval(lagTimer);
      for (const b of bound) {
        b.messages?.stop();
        b.wake?.();
      }
      await Promise.all(bound.map((b) => b.loop ?? Promise.resolve()));
    },
    status,
  };
}
