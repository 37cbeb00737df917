import { eq } from 'drizzle-orm';
import type { AppRegistry, EventType } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import { appendTimeline } from './timeline.ts';
import { warningLine } from './warning-lines.ts';
import { forcesLine, requisitionLine } from './consumed-lines.ts';
import { responseIncidents, responseRequisitionOrders, responseWarnings } from './tables.ts';

type Def<T extends EventType> = ConsumerDefinition<AppRegistry, T>;

/**
 * Warnings name no incident: the office keeps them as a read model, and each step of a warning
 * lands on the timelines of the incidents opened from it.
 */
export const warningsConsumer: Def<
  'monitoring.warning.issued' | 'monitoring.warning.adjusted' | 'monitoring.warning.lifted'
> = {
  module: 'response',
  name: 'warnings',
  types: ['monitoring.warning.issued', 'monitoring.warning.adjusted', 'monitoring.warning.lifted'],
  async handle(e, tx) {
    const at = new Date(e.occurredAt);
    if (e.type === 'monitoring.warning.lifted') {
      await tx
        .update(responseWarnings)
        .set({ liftedAt: new Date(e.data.liftedAt) })
        .where(eq(responseWarnings.warningId, e.data.warningId));
    } else {
      const facts = {
        level: e.data.level,
        category: e.data.category,
        headline: e.data.headline,
        areaCodes: e.data.areaCodes,
      };
      const issuedAt = e.type === 'monitoring.warning.issued' ? new Date(e.data.issuedAt) : null;
      await tx
        .insert(responseWarnings)
        .values({ warningId: e.data.warningId, ...facts, issuedAt, exercise: e.exercise })
        .onConflictDoUpdate({
          target: responseWarnings.warningId,
          // An adjustment that arrives first leaves the issue time to the issue event.
          set: issuedAt ? { ...facts, issuedAt } : facts,
        });
    }
    const [w] = await tx
      .select()
      .from(responseWarnings)
      .where(eq(responseWarnings.warningId, e.data.warningId));
    if (!w) return;
    const linked = await tx
      .select({
        id: responseIncidents.id,
        exercise: responseIncidents.exercise,
        drillRunId: responseIncidents.drillRunId,
      })
      .from(responseIncidents)
      .where(eq(responseIncidents.warningId, e.data.warningId));
    const step =
      e.type === 'monitoring.warning.issued'
        ? 'issued'
        : e.type === 'monitoring.warning.adjusted'
          ? 'adjusted'
          : e.data.expired
            ? 'expired'
            : 'lifted';
    const when =
      e.type === 'monitoring.warning.issued'
        ? e.data.issuedAt
        : e.type === 'monitoring.warning.adjusted'
          ? e.data.adjustedAt
          : e.data.liftedAt;
    await appendTimeline(
      tx,
      linked.map((inc) =>
        warningLine(step, w, inc, { at: new Date(when ?? at), actor: e.actor, eventId: e.id }),
      ),
    );
  },
};

/** Call-ups, acceptances, check-ins and stand-downs land on the incident's timeline. */
export const callupsConsumer: Def<
  | 'forces.callup.requested'
  | 'forces.callup.accepted'
  | 'forces.callup.declined'
  | 'forces.team.checked_in'
  | 'forces.callup.stood_down'
> = {
  module: 'response',
  name: 'callups',
  types: [
    'forces.callup.requested',
    'forces.callup.accepted',
    'forces.callup.declined',
    'forces.team.checked_in',
    'forces.callup.stood_down',
  ],
  async handle(e, tx) {
    await appendTimeline(tx, [forcesLine(e)]);
  },
};

/** Requisitions and compensation: an item's return names its order, which names the incident. */
export const requisitionsConsumer: Def<
  | 'requisition.order.issued'
  | 'requisition.item.returned'
  | 'requisition.compensation.assessed'
  | 'requisition.compensation.paid'
> = {
  module: 'response',
  name: 'requisitions',
  types: [
    'requisition.order.issued',
    'requisition.item.returned',
    'requisition.compensation.assessed',
    'requisition.compensation.paid',
  ],
  async handle(e, tx) {
    let incidentId: string | undefined;
    if (e.type === 'requisition.item.returned') {
      // The envelope names the incident: each event type has a consumer of its own, so the
      // return may be applied before its order's issue is, and must not wait on it. Events
      // written before the envelope carried it are looked up by their order.
      incidentId = e.incidentId;
      if (!incidentId) {
        const [o] = await tx
          .select({ incidentId: responseRequisitionOrders.incidentId })
          .from(responseRequisitionOrders)
          .where(eq(responseRequisitionOrders.orderId, e.data.orderId));
        incidentId = o?.incidentId;
      }
    } else incidentId = e.data.incidentId;
    if (e.type === 'requisition.order.issued')
      await tx
        .insert(responseRequisitionOrders)
        .values({
          orderId: e.data.orderId,
          incidentId: e.data.incidentId,
          exercise: e.exercise,
          drillRunId: e.drillRunId ?? null,
        })
        .onConflictDoNothing();
    // A return of an order never seen (issued before this module listened) has no incident.
    if (incidentId) await appendTimeline(tx, [requisitionLine(e, incidentId)]);
  },
};

export const responseConsumers = [warningsConsumer, callupsConsumer, requisitionsConsumer];
