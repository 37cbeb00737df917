import { and, asc, like, sql } from 'drizzle-orm';
import type { AppRegistry, Role, TEventEnvelope } from '@muster/contracts';
import type { EventDraft } from '../platform/bus/outbox.ts';
import { outbox } from '../platform/db/tables.ts';
import { newId } from '../platform/ids.ts';
import { movableClock, type MovableClock } from './clock.ts';
import { startForcesWorld, type ForcesWorld } from './forces-world.ts';
import { waitFor } from './processes.ts';

/** A backend with a movable clock, signed-in accounts, and the response events the module hears. */
export interface RequisitionWorld extends ForcesWorld {
  clock: MovableClock;
  /** Moves the clock and signs everyone in again (sessions end with time too). */
  advance(ms: number): Promise<void>;
  /**
   * Publishes events through the real outbox, relay and bus, as the owning module would, and
   * waits until the requisition module's consumers have applied them.
   */
  publish(drafts: EventDraft<AppRegistry>[]): Promise<void>;
  /** Reports an incident and waits until the requisition module has heard of it. */
  reportIncident(o?: { exercise?: boolean; drillRunId?: string }): Promise<string>;
  terminate(incidentId: string, o?: { exercise?: boolean }): Promise<void>;
  /** Requisition events whose data names the given id (order, item, claim), in outbox order. */
  eventsAbout(id: string): Promise<TEventEnvelope[]>;
  /** Waits until a SQL probe over the module's tables returns a row. */
  until(what: string, probe: () => Promise<boolean>): Promise<void>;
}

export async function startRequisitionWorld(
  accounts: Record<string, { role: Role; teamId?: string }>,
  start = new Date('2026-07-10T08:00:00+08:00'),
): Promise<RequisitionWorld> {
  const clock = movableClock(start);
  const w = await startForcesWorld(accounts, { clock });
  const db = w.m.database.db;
  const until = (what: string, probe: () => Promise<boolean>) =>
    waitFor(what, async () => ((await probe()) ? true : undefined), 20_000, 50).then(
      () => undefined,
    );
  const publish = async (drafts: EventDraft<AppRegistry>[]) => {
    const sent = await db.transaction((tx) => w.m.outbox.append(tx, drafts));
    const ids = sent.map((e) => e.id);
    // Each consumer records the ids it applied: wait for every one of the module's to have them.
    await until('the requisition consumers', async () => {
      const [r] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from consumed_events
            where consumer like ${'requisition\\_\\_%'} and event_id = any(${sql.param(ids)}::uuid[])`,
      );
      return (r?.n ?? 0) >= ids.length;
    });
  };
  return {
    ...w,
    clock,
    async advance(ms) {
      clock.advance(ms);
      await w.relogin();
    },
    publish,
    until,
    async reportIncident(o = {}) {
      const incidentId = newId();
      await publish([
        {
          type: 'response.incident.reported',
          actor: 'system',
          incidentId,
          exercise: o.exercise ?? false,
          ...(o.drillRunId ? { drillRunId: o.drillRunId } : {}),
          data: {
            incidentId,
            title: '嘉陵江北碚段洪水',
            category: 'natural_disaster',
            subtype: 'flood',
            source: 'phone',
            awareAt: clock.now().toISOString(),
            areaCodes: ['500109'],
          },
        },
      ]);
      return incidentId;
    },
    async terminate(incidentId, o = {}) {
      await publish([
        {
          type: 'response.level.terminated',
          actor: 'system',
          incidentId,
          exercise: o.exercise ?? false,
          data: { incidentId, terminatedAt: clock.now().toISOString(), reason: '险情解除' },
        },
      ]);
    },
    async eventsAbout(id) {
      const rows = await db
        .select({ envelope: outbox.envelope })
        .from(outbox)
        .where(
          and(
            like(outbox.type, 'requisition.%'),
            sql`${outbox.envelope}->'data' @> any(array[
              jsonb_build_object('orderId', ${id}::text), jsonb_build_object('itemId', ${id}::text),
              jsonb_build_object('claimId', ${id}::text), jsonb_build_object('objectionId', ${id}::text)])`,
          ),
        )
        .orderBy(asc(outbox.seq));
      return rows.map((r) => r.envelope as TEventEnvelope);
    },
  };
}
