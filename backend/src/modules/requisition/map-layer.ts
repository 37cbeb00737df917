import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TRequisitionMapRow } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { requisitionItems, requisitionOrders } from './tables.ts';

/**
 * Requisitioned property as a layer of the command map: items awaiting hand-over or in use, at
 * the order's place, with whether they are overdue. Never the owner — the realtime gateway can
 * push these to any office viewer as they are.
 */
export async function requisitionMapItems(
  db: Executor,
  q: { incidentId?: string | undefined } = {},
): Promise<TRequisitionMapRow[]> {
  const i = requisitionItems;
  const o = requisitionOrders;
  const rows = await db
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
      ),
    )
    .orderBy(asc(i.orderId), asc(i.seq))
    .limit(5000);
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
