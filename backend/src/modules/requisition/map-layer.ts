import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  ZRequisitionMapItem,
  type TRequisitionMapItem,
  type TRequisitionMapRow,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import {
  audiences,
  type MapLayerItem,
  type MapLayerSource,
  statedAll,
} from '../../platform/realtime/layer-source.ts';
import { requisitionItems, requisitionOrders } from './tables.ts';

/** Items of issued orders awaiting hand-over or in use, with their order's place. */
async function onMap(db: Executor, q: { incidentId?: string | undefined; orderId?: string }) {
  const i = requisitionItems;
  const o = requisitionOrders;
  return db
    .select({
      id: i.id,
      orderId: i.orderId,
      incidentId: i.incidentId,
      exercise: o.exercise,
      kind: i.kind,
      description: i.description,
      quantity: i.quantity,
      unit: i.unit,
      status: i.status,
      dueAt: i.dueAt,
      overdueAt: i.overdueAt,
      certificateNumber: o.certificateNumber,
      address: o.placeAddress,
      lon: o.placeLon,
      lat: o.placeLat,
    })
    .from(i)
    .innerJoin(o, eq(o.id, i.orderId))
    .where(
      and(
        eq(o.status, 'issued'),
        inArray(i.status, ['awaiting_handover', 'in_use']),
        q.incidentId ? eq(i.incidentId, q.incidentId) : undefined,
        q.orderId ? eq(i.orderId, q.orderId) : undefined,
      ),
    )
    .orderBy(asc(i.orderId), asc(i.seq))
    .limit(5000);
}

/**
 * Requisitioned property as a layer of the command map: items awaiting hand-over or in use, at
 * the order's place, with whether they are overdue. Never the owner — the realtime gateway can
 * push these to any office viewer as they are.
 */
export async function requisitionMapItems(
  db: Executor,
  q: { incidentId?: string | undefined } = {},
): Promise<TRequisitionMapRow[]> {
  const rows = await onMap(db, q);
  return rows.map((r) => ({
    id: r.id,
    orderId: r.orderId,
    incidentId: r.incidentId,
    exercise: r.exercise,
    kind: r.kind as TRequisitionMapRow['kind'],
    description: r.description,
    quantity: r.quantity,
    unit: r.unit,
    status: r.status as TRequisitionMapRow['status'],
    dueAt: r.dueAt.toISOString(),
    overdue: r.overdueAt !== null,
    place: {
      address: r.address,
      point: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
    },
  }));
}

/** Where each item stands on the map: in use, or due back (overdue) until it is returned. */
const mapStatus = (r: { overdueAt: Date | null }): TRequisitionMapItem['status'] =>
  r.overdueAt !== null ? 'due_back' : 'in_use';

async function layerItems(
  db: Executor,
  orderId?: string,
): Promise<MapLayerItem<TRequisitionMapItem>[]> {
  const rows = await onMap(db, orderId ? { orderId } : {});
  return rows.flatMap((r) =>
    r.lon === null || r.lat === null || r.certificateNumber === null
      ? []
      : [
          {
            id: r.id,
            data: {
              orderId: r.orderId,
              itemId: r.id,
              incidentId: r.incidentId,
              description: r.description.slice(0, 200),
              certificateNumber: r.certificateNumber,
              status: mapStatus(r),
              location: { lon: r.lon, lat: r.lat },
            },
            // The office directs the use of requisitioned property; the owner is never here.
            audience: audiences.office,
            exercise: r.exercise,
            incidentId: r.incidentId,
          },
        ],
  );
}

type RequisitionMapEvent =
  | 'requisition.order.issued'
  | 'requisition.item.handed_over'
  | 'requisition.item.returned'
  | 'requisition.item.cancelled'
  | 'requisition.return.overdue_raised';

/**
 * The requisitions layer (ADR 0006): items of issued orders awaiting hand-over or in use, at the
 * order's place, `due_back` once overdue; a returned or released item is taken off. Each event
 * restates every item of its order from the module's tables.
 */
export const requisitionsMapSource: MapLayerSource<TRequisitionMapItem, RequisitionMapEvent> = {
  layer: 'requisitions',
  eventTypes: [
    'requisition.order.issued',
    'requisition.item.handed_over',
    'requisition.item.returned',
    'requisition.item.cancelled',
    'requisition.return.overdue_raised',
  ],
  schema: ZRequisitionMapItem,
  async changes(event, db) {
    const orderId = event.data.orderId;
    const all = await db
      .select({ id: requisitionItems.id })
      .from(requisitionItems)
      .where(eq(requisitionItems.orderId, orderId));
    return statedAll(
      all.map((r) => r.id),
      await layerItems(db, orderId),
    );
  },
  snapshot: (db) => layerItems(db),
};
