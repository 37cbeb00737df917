import type { JetStreamClient } from '@nats-io/jetstream';
import { subjectFor } from '@muster/contracts';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';

export interface RelayOptions {
  sql: Sql;
  js: JetStreamClient;
  namespace: string;
  batchSize: number;
  pollMs: number;
  retentionHours: number;
  logger: Logger;
  metrics: Metrics;
  publishTimeoutMs?: number;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Stops claiming new rows and waits for the batch in flight to finish. */
  stop(): Promise<void>;
  /** Publishes what is unsent now; returns how many rows it published. For tests and tools. */
  drainOnce(): Promise<number>;
}

interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  envelope: string;
}

/**
 * Publishes committed outbox rows to JetStream (ADR 0002). Woken by LISTEN/NOTIFY, polling as a
 * fallback. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several relays share the work;
 * each is published with `Nats-Msg-Id` = event id, so a row published twice (a crash between
 * publish and commit) is dropped by the stream's de-duplication window.
 */
export function createOutboxRelay(o: RelayOptions): OutboxRelay {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // Set by a NOTIFY that arrives while a drain is running, so the relay drains again at once
  // instead of sleeping through it.
  let dirty = false;
  let unlisten: (() => Promise<void>) | undefined;
  let failures = 0;
  let lastCleanup = 0;
  const timeout = o.publishTimeoutMs ?? 5_000;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function drainOnce(): Promise<number> {
    dirty = false;
    return o.sql.begin(async (tx) => {
      const rows = await tx<OutboxRow[]>`
        select seq, id, type, envelope::text as envelope from outbox
        where sent_at is null order by seq
        limit ${o.batchSize} for update skip locked`;
      if (rows.length === 0) return 0;
      const started = performance.now();
      await Promise.all(
        rows.map((r) =>
          o.js.publish(subjectFor(o.namespace, r.type), r.envelope, { msgID: r.id, timeout }),
        ),
      );
      await tx`update outbox set sent_at = now(), attempts = attempts + 1
               where seq = any(${rows.map((r) => r.seq)}::bigint[])`;
      o.metrics.outboxPublished.inc(rows.length);
      o.metrics.outboxPublishSeconds.observe((performance.now() - started) / 1000);
      return rows.length;
    });
  }

  async function cleanup(): Promise<void> {
    if (Date.now() - lastCleanup < 60_000) return;
    lastCleanup = Date.now();
    await o.sql`delete from outbox where sent_at < now() - make_interval(hours => ${o.retentionHours})`;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        const n = await drainOnce();
        failures = 0;
        if (n >= o.batchSize) continue;
        await cleanup();
      } catch (err) {
        failures++;
        o.metrics.outboxErrors.inc();
        o.logger.warn({ err, failures }, 'outbox relay could not publish; will retry');
        // The rows stay unsent (the transaction rolled back); back off before the next try.
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (dirty) {
        dirty = false;
        continue;
      }
      if (running) await sleep(o.pollMs);
    }
  }

  return {
    drainOnce,
    async start() {
      if (running) return;
      running = true;
      const sub = await o.sql.listen('muster_outbox', () => {
        if (wake) wake();
        else dirty = true;
      });
      unlisten = () => sub.unlisten();
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await unlisten?.().catch(() => undefined);
    },
  };
}
