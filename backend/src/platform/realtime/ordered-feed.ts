import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { PULL_EXPIRES_MS, type BusConnection } from '../bus/connection.ts';
import type { Logger } from '../logger.ts';

export interface OrderedFeed {
  /** Resolves once the consumer reads (or its first attempt failed and it keeps retrying). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads one subject of a stream with an ordered consumer of this instance's own (ephemeral, in
 * memory, no acks), so every gateway instance sees every message — unlike the shared durable
 * consumers, where a message goes to one instance. On start it reads back `lookbackS`; after a
 * failure a fresh consumer reads back a short while (the handlers drop what they already hold).
 */
export function createOrderedFeed(o: {
  bus: BusConnection;
  stream: string;
  subject: string;
  lookbackS: number;
  /** Names the feed in logs. */
  name: string;
  logger: Logger;
  onMessage(m: JsMsg): void;
  /** A fresh consumer replaced a failed one (what fell between them may be missing). */
  onRestart?(): void;
}): OrderedFeed {
  let running = false;
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;
  let ready: (() => void) | undefined;

  async function run(): Promise<void> {
    let backS = o.lookbackS;
    let restarted = false;
    while (running) {
      try {
        // The server's wall clock, not the injected one: JetStream compares with its own time.
        const since = new Date(Date.now() - backS * 1000).toISOString();
        const consumer = await o.bus.js.consumers.get(o.stream, {
          filter_subjects: o.subject,
          ...(backS > 0
            ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since }
            : { deliver_policy: DeliverPolicy.New }),
        });
        messages = await consumer.consume({
          max_messages: 1000,
          expires: PULL_EXPIRES_MS,
          callback: (m) => o.onMessage(m),
        });
        if (restarted) o.onRestart?.();
        ready?.();
        await messages.closed();
      } catch (err) {
        ready?.();
        if (!running) break;
        o.logger.warn({ err, feed: o.name }, 'realtime feed failed; restarting');
        await new Promise((r) => setTimeout(r, 1000));
      }
      backS = 10;
      restarted = true;
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
