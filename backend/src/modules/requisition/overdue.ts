import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import {
  LEGAL_BASIS,
  drillFields,
  recordNow,
  type IncidentScope,
  type RequisitionDeps,
} from './deps.ts';
import { requisitionItems, requisitionOrders } from './tables.ts';

type Cause = 'period_ended' | 'response_terminated';
interface Due {
  id: string;
  orderId: string;
  incidentId: string;
  dueAt: Date;
}

/**
 * Raises the overdue-return alarm (art. 12, 95(9)) for items in use and not yet alarmed: the
 * conditional update makes it once per item, whichever instance, sweep or consumer gets there.
 */
async function raise(
  d: RequisitionDeps,
  tx: Tx,
  candidates: readonly Due[],
  scope: IncidentScope,
  cause: Cause,
): Promise<number> {
  if (candidates.length === 0) return 0;
  const now = recordNow(d, scope);
  const raised = await tx
    .update(requisitionItems)
    .set({ overdueAt: now, overdueCause: cause })
    .where(
      and(
        inArray(
          requisitionItems.id,
          candidates.map((c) => c.id),
        ),
        eq(requisitionItems.status, 'in_use'),
        isNull(requisitionItems.overdueAt),
      ),
    )
    .returning({
      id: requisitionItems.id,
      orderId: requisitionItems.orderId,
      incidentId: requisitionItems.incidentId,
      dueAt: requisitionItems.dueAt,
    });
  if (raised.length === 0) return 0;
  await d.outbox.append(
    tx,
    raised.map((r) => ({
      type: 'requisition.return.overdue_raised' as const,
      actor: 'system',
      incidentId: r.incidentId,
      ...drillFields(scope),
      data: {
        orderId: r.orderId,
        itemId: r.id,
        incidentId: r.incidentId,
        dueAt: r.dueAt.toISOString(),
        cause,
        raisedAt: now.toISOString(),
      },
    })),
  );
  await d.audit.append(
    raised.map((r) => ({
      actor: 'system',
      action: 'requisition.return.overdue_raised',
      subjectType: 'requisition_item',
      subjectId: r.id,
      purpose: r.incidentId,
      legalBasis: LEGAL_BASIS.return,
      detail: { orderId: r.orderId, cause },
    })),
    tx,
  );
  return raised.length;
}

/**
 * The response ended (art. 12): everything requisitioned for it is due back now. Items in use are
 * due at the termination and alarmed at once; items never handed over are released.
 */
export async function dueOnTermination(
  d: RequisitionDeps,
  tx: Tx,
  incidentId: string,
  terminatedAt: Date,
  scope: IncidentScope,
): Promise<void> {
  const i = requisitionItems;
  await tx
    .update(i)
    .set({ dueAt: sql`least(${i.dueAt}, ${terminatedAt.toISOString()}::timestamptz)` })
    .where(and(eq(i.incidentId, incidentId), eq(i.status, 'in_use')));
  const cancelled = await tx
    .update(i)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(i.incidentId, incidentId),
        eq(i.status, 'awaiting_handover'),
        inArray(
          i.orderId,
          tx
            .select({ id: requisitionOrders.id })
            .from(requisitionOrders)
            .where(eq(requisitionOrders.status, 'issued')),
        ),
      ),
    )
    .returning({ id: i.id, orderId: i.orderId });
  if (cancelled.length > 0) {
    await d.outbox.append(
      tx,
      cancelled.map((c) => ({
        type: 'requisition.item.cancelled' as const,
        actor: 'system',
        incidentId,
        ...drillFields(scope),
        data: { orderId: c.orderId, itemId: c.id, reason: 'response_terminated' as const },
      })),
    );
    await d.audit.append(
      cancelled.map((c) => ({
        actor: 'system',
        action: 'requisition.item.cancelled',
        subjectType: 'requisition_item',
        subjectId: c.id,
        purpose: incidentId,
        legalBasis: LEGAL_BASIS.return,
        detail: { orderId: c.orderId, reason: 'response_terminated' },
      })),
      tx,
    );
  }
  const inUse = await tx
    .select({ id: i.id, orderId: i.orderId, incidentId: i.incidentId, dueAt: i.dueAt })
    .from(i)
    .where(and(eq(i.incidentId, incidentId), eq(i.status, 'in_use'), isNull(i.overdueAt)));
  await raise(d, tx, inUse, scope, 'response_terminated');
}

/** Items whose expected period has passed, alarmed the moment the sweep sees them. */
export function overdueSweep(d: RequisitionDeps): Sweep {
  return {
    name: 'requisition.overdue-returns',
    async run(now) {
      const i = requisitionItems;
      const o = requisitionOrders;
      return d.db.transaction(async (tx) => {
        const due = await tx
          .select({
            id: i.id,
            orderId: i.orderId,
            incidentId: i.incidentId,
            dueAt: i.dueAt,
            exercise: o.exercise,
            drillRunId: o.drillRunId,
          })
          .from(i)
          .innerJoin(o, eq(o.id, i.orderId))
          .where(and(eq(i.status, 'in_use'), isNull(i.overdueAt), lte(i.dueAt, now)))
          .limit(500)
          .for('update', { of: i, skipLocked: true });
        let n = 0;
        // Grouped by drill scope, so each event carries its own incident's exercise flags.
        const scopes = new Map<string, typeof due>();
        for (const r of due) {
          const k = `${r.exercise}|${r.drillRunId ?? ''}`;
          scopes.set(k, [...(scopes.get(k) ?? []), r]);
        }
        for (const rows of scopes.values()) n += await raise(d, tx, rows, rows[0]!, 'period_ended');
        return n;
      });
    },
  };
}
