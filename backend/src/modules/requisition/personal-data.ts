import { and, eq, inArray, isNull, not } from 'drizzle-orm';
import type { PersonalDataHolder } from '../../platform/access/destruction.ts';
import type { RequisitionDeps } from './deps.ts';
import { recordNow } from './deps.ts';
import { OWNER_CATEGORY, OWNER_HOLDER } from './owner-holds.ts';
import { requisitionOrders } from './tables.ts';

/**
 * Owners' names, phones, addresses and ID numbers were gathered for the incident; when it closes
 * they are erased (the order, its items and its money stay, without the person), except for the
 * orders a hold keeps: those whose compensation or remedy is still open (see owner-holds.ts).
 */
export function ownersHolder(d: Pick<RequisitionDeps, 'clock'>): PersonalDataHolder {
  return {
    name: OWNER_HOLDER,
    categories: [OWNER_CATEGORY],
    async destroy(tx, incidentId, kept) {
      const k = kept.get(OWNER_CATEGORY);
      const o = requisitionOrders;
      const present = and(eq(o.incidentId, incidentId), isNull(o.ownerErasedAt));
      const all = await tx
        .select({ id: o.id, exercise: o.exercise, drillRunId: o.drillRunId })
        .from(o)
        .where(present);
      if (all.length === 0) return [];
      const keep = k === 'all' ? all.map((r) => r.id) : [...(k ?? [])];
      const at = recordNow(d, all[0]!);
      const erased = await tx
        .update(o)
        .set({
          ownerName: null,
          ownerPhone: null,
          ownerAddress: null,
          ownerIdNumberSealed: null,
          ownerErasedAt: at,
          ownerHoldId: null,
          ownerHoldUntil: null,
          updatedAt: at,
        })
        .where(and(present, keep.length ? not(inArray(o.id, keep)) : undefined))
        .returning({ id: o.id });
      return [
        {
          category: OWNER_CATEGORY,
          destroyed: erased.length,
          keptUnderHold: all.length - erased.length,
        },
      ];
    },
  };
}
