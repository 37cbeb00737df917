import { Router, type RequestHandler } from 'express';
import { sql as dsql } from 'drizzle-orm';
import { systemRoutes, type AppRegistry, type ProcessRole } from '@muster/contracts';
import type { Database } from './db/client.ts';
import type { BusConnection } from './bus/connection.ts';
import type { ConsumerDefinition, ConsumerStatus } from './bus/consumer.ts';
import type { Outbox } from './bus/outbox.ts';
import type { StreamNames } from './bus/streams.ts';
import { mount } from './http/routes.ts';
import type { Clock } from './clock.ts';
import type { Metrics } from './metrics.ts';

export interface SystemDeps {
  database: Database;
  bus: BusConnection;
  outbox: Outbox<AppRegistry>;
  clock: Clock;
  metrics: Metrics;
  streams: StreamNames;
  instanceId: string;
  roles: readonly ProcessRole[];
  consumerStatus: () => Promise<ConsumerStatus[]>;
  checkResponses: boolean;
  /** Mount the API routes (status, probes) too, not only health and readiness. */
  api: boolean;
  /** Lets only the operators (admin, duty officer) reach status and probes. */
  operatorOnly: RequestHandler;
}

async function databaseOk(d: Database): Promise<boolean> {
  try {
    await d.sql`select 1`;
    return true;
  } catch {
    return false;
  }
}

/** Outbox lag: unsent rows and the age of the oldest; also kept in the metrics. */
export async function outboxLag(
  d: Database,
  metrics: Metrics,
): Promise<{ unsent: number; oldestUnsentAgeMs: number | null }> {
  const [row] = await d.sql<{ unsent: string; age_ms: number | null }[]>`
    select count(*) as unsent,
           extract(epoch from (clock_timestamp() - min(created_at))) * 1000 as age_ms
    from outbox where sent_at is null`;
  const unsent = Number(row?.unsent ?? 0);
  const age =
    row?.age_ms === null || row?.age_ms === undefined ? null : Math.round(Number(row.age_ms));
  metrics.outboxUnsent.set(unsent);
  metrics.outboxOldestAge.set((age ?? 0) / 1000);
  return { unsent, oldestUnsentAgeMs: age };
}

/** Health, readiness, pipeline status and the pipeline probe. */
export function systemRouter(d: SystemDeps): Router {
  const r = Router();
  const opts = { checkResponses: d.checkResponses };
  mount(r, systemRoutes.health, () => ({ status: 'ok' as const }), opts);
  mount(
    r,
    systemRoutes.readiness,
    async ({ res }) => {
      const database = (await databaseOk(d.database)) ? ('ok' as const) : ('failing' as const);
      const bus = d.bus.state();
      const ready = database === 'ok' && bus === 'connected';
      if (!ready) res.status(503);
      const body = {
        status: ready ? ('ready' as const) : ('not_ready' as const),
        checks: { database, bus },
      };
      if (!ready) res.json(body);
      return body;
    },
    opts,
  );
  if (!d.api) return r;
  r.use([systemRoutes.status.path, systemRoutes.sendProbe.path], d.operatorOnly);
  mount(
    r,
    systemRoutes.status,
    async () => {
      let deadLetters = 0;
      try {
        deadLetters = (await d.bus.jsm.streams.info(d.streams.deadLetters)).state.messages;
      } catch {
        deadLetters = -1;
      }
      return {
        instanceId: d.instanceId,
        roles: [...d.roles],
        bus: d.bus.state(),
        outbox: await outboxLag(d.database, d.metrics),
        consumers: await d.consumerStatus(),
        deadLetters,
      };
    },
    opts,
  );
  mount(
    r,
    systemRoutes.sendProbe,
    async ({ body }) => {
      const sentAt = d.clock.now().toISOString();
      const events = await d.database.db.transaction(async (tx) => {
        const [row] = await tx.execute<{ n: string }>(
          dsql`select count(*) as n from probe_receipts`,
        );
        const base = Number(row?.n ?? 0);
        return d.outbox.append(
          tx,
          Array.from({ length: body.count }, (_, i) => ({
            type: 'system.probe.sent' as const,
            actor: 'system',
            data: { seq: base + i, sentAt, ...(body.note ? { note: body.note } : {}) },
          })),
        );
      });
      return { eventIds: events.map((e) => e.id), sentAt };
    },
    opts,
  );
  return r;
}

/**
 * The probe consumer: applies each probe once, recording when it was applied, so the latency of
 * the whole write and read path is visible in `probe_receipts` and the metrics.
 */
export function probeConsumer(
  instanceId: string,
  metrics: Metrics,
): ConsumerDefinition<AppRegistry, 'system.probe.sent'> {
  return {
    module: 'system',
    name: 'probe-receipts',
    types: ['system.probe.sent'],
    handle(event, tx) {
      return this.handleBatch!([event], tx);
    },
    async handleBatch(events, tx) {
      await tx.execute(dsql`
        insert into probe_receipts (event_id, seq, sent_at, instance)
        select unnest(${dsql.param(events.map((e) => e.id))}::uuid[]),
               unnest(${dsql.param(events.map((e) => String(e.data.seq)))}::text[])::int,
               unnest(${dsql.param(events.map((e) => e.data.sentAt))}::text[])::timestamptz,
               ${instanceId}`);
      const now = Date.now();
      for (const e of events)
        metrics.probeLatency.observe(Math.max(0, now - Date.parse(e.data.sentAt)) / 1000);
    },
  };
}
