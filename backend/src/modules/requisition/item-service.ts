import { count, eq } from 'drizzle-orm';
import { AppError, REQUISITION_LIMITS, type TReturnRequestBody } from '@muster/contracts';
import { newId } from '../../platform/ids.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import {
  checkedAt,
  fieldError,
  lockItem,
  lockOrder,
  requireOfficerFor,
  requireStatus,
} from './guards.ts';
import { requireIncident, requireLive } from './incidents.ts';
import type { ItemRow, OrderRow } from './order-reader.ts';
import { requisitionItems, requisitionOrders, requisitionUseLog } from './tables.ts';

interface ItemContext {
  tx: Tx;
  order: OrderRow;
  item: ItemRow;
  now: Date;
}

/** Locks the order and its item for an officer of the incident, then runs the change. */
async function onItem(
  d: RequisitionDeps,
  viewer: Viewer,
  orderId: string,
  itemId: string,
  change: (
    c: ItemContext,
  ) => Promise<{ action: string; detail?: Record<string, string | number | boolean> }>,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    requireOfficerFor(viewer, order.incidentId);
    requireStatus('order', order.status, 'issued');
    const item = await lockItem(tx, orderId, itemId);
    const now = recordNow(d, order);
    const { action, detail } = await change({ tx, order, item, now });
    await tx
      .update(requisitionOrders)
      .set({ updatedAt: now })
      .where(eq(requisitionOrders.id, orderId));
    await d.audit.append(
      {
        actor: viewer.accountId,
        action,
        subjectType: 'requisition_item',
        subjectId: itemId,
        purpose: order.incidentId,
        legalBasis: action === 'requisition.item.returned' ? LEGAL_BASIS.return : LEGAL_BASIS.order,
        detail: { orderId, ...detail },
      },
      tx,
    );
  });
}

/** The owner handed the item over: its use begins (only while the response goes on). */
export function handOver(
  d: RequisitionDeps,
  viewer: Viewer,
  orderId: string,
  itemId: string,
  b: { condition?: string | undefined; at?: string | undefined },
): Promise<void> {
  return onItem(d, viewer, orderId, itemId, async ({ tx, order, item, now }) => {
    requireLive(await requireIncident(tx, order.incidentId));
    requireStatus('item', item.status, 'awaiting_handover');
    const at = checkedAt(b.at, now, order.decidedAt);
    await tx
      .update(requisitionItems)
      .set({
        status: 'in_use',
        handedOverAt: at,
        handedOverBy: viewer.accountId,
        handoverCondition: b.condition ?? item.conditionAtHandover,
      })
      .where(eq(requisitionItems.id, itemId));
    await d.outbox.append(tx, [
      {
        type: 'requisition.item.handed_over',
        actor: viewer.accountId,
        incidentId: order.incidentId,
        ...drillFields(order),
        data: { orderId, itemId, handedOverAt: at.toISOString() },
      },
    ]);
    return { action: 'requisition.item.handed_over' };
  });
}

/** An entry in the use log of an item in use. */
export function logUse(
  d: RequisitionDeps,
  viewer: Viewer,
  orderId: string,
  itemId: string,
  b: { note: string; at?: string | undefined },
): Promise<void> {
  return onItem(d, viewer, orderId, itemId, async ({ tx, order, item, now }) => {
    if (item.status === 'awaiting_handover')
      throw new AppError('requisition.not_handed_over', String(item.seq));
    requireStatus('item', item.status, 'in_use');
    const at = checkedAt(b.at, now, item.handedOverAt);
    const [n] = await tx
      .select({ n: count() })
      .from(requisitionUseLog)
      .where(eq(requisitionUseLog.itemId, itemId));
    if ((n?.n ?? 0) >= REQUISITION_LIMITS.useLogPerItem)
      throw new AppError(
        'requisition.wrong_status',
        `use log is full (${REQUISITION_LIMITS.useLogPerItem})`,
      );
    const entryId = newId();
    await tx
      .insert(requisitionUseLog)
      .values({ id: entryId, itemId, at, by: viewer.accountId, note: b.note });
    await d.outbox.append(tx, [
      {
        type: 'requisition.item.use_logged',
        actor: viewer.accountId,
        incidentId: order.incidentId,
        ...drillFields(order),
        data: { orderId, itemId, entryId, at: at.toISOString() },
      },
    ]);
    return { action: 'requisition.item.use_logged', detail: { entryId } };
  });
}

const STATUS_OF: Record<TReturnRequestBody['outcome'], string> = {
  intact: 'returned',
  damaged: 'returned',
  lost: 'lost',
  consumed: 'consumed',
};

/**
 * Return (art. 12): the condition at return and any damage or loss, the basis of compensation.
 * Allowed after the response ends too — that is when everything must come back.
 */
export function returnItem(
  d: RequisitionDeps,
  viewer: Viewer,
  orderId: string,
  itemId: string,
  b: TReturnRequestBody,
): Promise<void> {
  return onItem(d, viewer, orderId, itemId, async ({ tx, order, item, now }) => {
    if (item.status === 'awaiting_handover')
      throw new AppError('requisition.not_handed_over', String(item.seq));
    requireStatus('item', item.status, 'in_use');
    if (b.outcome === 'consumed' && item.kind !== 'materials')
      throw fieldError('body.outcome', '只有物资可登记为消耗 / only materials are consumed');
    const at = checkedAt(b.at, now, item.handedOverAt);
    await tx
      .update(requisitionItems)
      .set({
        status: STATUS_OF[b.outcome],
        returnedAt: at,
        returnedBy: viewer.accountId,
        returnCondition: b.condition ?? null,
        outcome: b.outcome,
        damage: b.damage ?? null,
      })
      .where(eq(requisitionItems.id, itemId));
    await d.outbox.append(tx, [
      {
        type: 'requisition.item.returned',
        actor: viewer.accountId,
        incidentId: order.incidentId,
        ...drillFields(order),
        data: {
          orderId,
          itemId,
          returnedAt: at.toISOString(),
          damaged: b.outcome === 'damaged' || b.outcome === 'lost',
          outcome: b.outcome,
        },
      },
    ]);
    return {
      action: 'requisition.item.returned',
      detail: { outcome: b.outcome, late: item.overdueAt !== null },
    };
  });
}
