import { asc, eq, inArray } from 'drizzle-orm';
import type { TItem, TOrder } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { Sealer } from '../../platform/access/crypto.ts';
import { groupBy } from '../../platform/db/pages.ts';
import {
  requisitionClaims,
  requisitionItems,
  requisitionOrders,
  requisitionUseLog,
} from './tables.ts';

export type OrderRow = typeof requisitionOrders.$inferSelect;
export type ItemRow = typeof requisitionItems.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function ownerOf(o: OrderRow, sealer: Sealer): TOrder['owner'] {
  const opt = <K extends string>(k: K, v: string | null) => (v === null ? {} : { [k]: v });
  return {
    kind: o.ownerKind as 'unit' | 'person',
    ...opt('unitName', o.ownerUnitName),
    ...opt('creditCode', o.ownerCreditCode),
    ...opt('name', o.ownerName),
    ...opt('phone', o.ownerPhone),
    ...opt('address', o.ownerAddress),
    ...opt('idNumber', o.ownerIdNumberSealed && sealer.open(o.ownerIdNumberSealed)),
  };
}

function itemOf(i: ItemRow, log: (typeof requisitionUseLog.$inferSelect)[]): TItem {
  return {
    id: i.id,
    seq: i.seq,
    kind: i.kind as TItem['kind'],
    description: i.description,
    identification: i.identification,
    quantity: i.quantity,
    unit: i.unit,
    conditionAtHandover: i.conditionAtHandover,
    status: i.status as TItem['status'],
    handedOverAt: iso(i.handedOverAt),
    handoverCondition: i.handoverCondition,
    returnedAt: iso(i.returnedAt),
    returnCondition: i.returnCondition,
    outcome: i.outcome as TItem['outcome'],
    damage: i.damage,
    dueAt: i.dueAt.toISOString(),
    overdueAt: iso(i.overdueAt),
    overdueCause: i.overdueCause as TItem['overdueCause'],
    useLog: log.map((e) => ({ id: e.id, at: e.at.toISOString(), by: e.by, note: e.note })),
  };
}

/** Whole orders (before projection) for the given rows, children loaded in one query each. */
export async function loadOrders(
  db: Executor,
  sealer: Sealer,
  rows: readonly OrderRow[],
): Promise<TOrder[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db
    .select()
    .from(requisitionItems)
    .where(inArray(requisitionItems.orderId, ids))
    .orderBy(asc(requisitionItems.seq));
  const [log, claims] = await Promise.all([
    items.length
      ? db
          .select()
          .from(requisitionUseLog)
          .where(
            inArray(
              requisitionUseLog.itemId,
              items.map((i) => i.id),
            ),
          )
          .orderBy(asc(requisitionUseLog.at))
      : Promise.resolve([]),
    db
      .select({ id: requisitionClaims.id, orderId: requisitionClaims.orderId })
      .from(requisitionClaims)
      .where(inArray(requisitionClaims.orderId, ids)),
  ]);
  const itemsBy = groupBy(items, (i) => i.orderId);
  const logBy = groupBy(log, (e) => e.itemId);
  const claimBy = new Map(claims.map((c) => [c.orderId, c.id]));
  return rows.map((o) => ({
    id: o.id,
    incidentId: o.incidentId,
    exercise: o.exercise,
    drillRunId: o.drillRunId,
    status: o.status as TOrder['status'],
    requestingUnit: o.requestingUnit,
    requestedBy: o.requestedBy,
    requestedAt: o.requestedAt.toISOString(),
    decidedBy: o.decidedBy,
    decidedAt: iso(o.decidedAt),
    rejectionReason: o.rejectionReason,
    legalBasis: o.legalBasis,
    purpose: o.purpose,
    owner: ownerOf(o, sealer),
    ownerDetails: {
      holdId: o.ownerHoldId,
      holdUntil: iso(o.ownerHoldUntil),
      erasedAt: iso(o.ownerErasedAt),
    },
    items: (itemsBy.get(o.id) ?? []).map((i) => itemOf(i, logBy.get(i.id) ?? [])),
    place: {
      address: o.placeAddress,
      point:
        o.placeLon !== null && o.placeLat !== null ? { lon: o.placeLon, lat: o.placeLat } : null,
    },
    expectedPeriod: { from: o.expectedFrom.toISOString(), until: o.expectedUntil.toISOString() },
    certificateNumber: o.certificateNumber,
    claimId: claimBy.get(o.id) ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  }));
}

export async function loadOrder(
  db: Executor,
  sealer: Sealer,
  id: string,
): Promise<TOrder | undefined> {
  const [row] = await db.select().from(requisitionOrders).where(eq(requisitionOrders.id, id));
  return row ? (await loadOrders(db, sealer, [row]))[0] : undefined;
}
