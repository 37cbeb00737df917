import { and, eq, isNotNull, isNull, lt, lte, max, ne, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { lockIncidentDestruction, placeHold, releaseHold } from '../../platform/access/holds.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { RequisitionDeps } from './deps.ts';
import { remedyEnd } from './remedy.ts';
import { requisitionClaims, requisitionObjections, requisitionOrders } from './tables.ts';

/** The holder and category under which owners' details are destroyed or kept. */
export const OWNER_HOLDER = 'requisition.owners';
export const OWNER_CATEGORY = 'owners';

const DAY_MS = 86_400_000;
/** While a case is open its hold reaches this far ahead, renewed by the sweep before it ends. */
export const OPEN_CASE_HORIZON_MS = 90 * DAY_MS;
/** The sweep renews an open case's hold when it would end within this margin. */
export const RENEW_MARGIN_MS = 30 * DAY_MS;

const ASSESSMENT = {
  legality:
    '突发事件应对法第十二条（征用补偿）；个人信息保护法第十三条第一款第三项（履行法定职责所必需）；行政复议法第二十条、行政诉讼法第四十六条（救济期限）。 Emergency Response Law art. 12; PIPL art. 13(1)(3); remedy periods.',
  necessity:
    '补偿须支付给被征用人，被征用人可在决定后六十日内申请复议、六个月内提起诉讼；须据此联系、支付和答复。 Compensation is paid to the owner, who may seek remedy within 6 months of the decision: the details are needed to reach, pay and answer them.',
  security:
    '身份证号加密存储；按角色投影显示，完整查看均审计；保留期满即删除。 ID number sealed at rest; shown per role, every whole view audited; erased when the hold ends.',
};

/**
 * When the owner's details of an order may be destroyed: while its case is open (compensation not
 * fully paid, or an objection undecided) not before `now + 90 days` (renewed by the sweep) nor
 * before the remedy period of its latest decision ends; once settled, when that remedy period
 * ends. Null: nothing keeps them (settled and past remedy).
 */
export function ownerKeepUntil(c: {
  open: boolean;
  lastDecisionAt: Date | null;
  currentUntil: Date | null;
  now: Date;
}): Date | null {
  const remedy = c.lastDecisionAt ? remedyEnd(c.lastDecisionAt) : null;
  if (!c.open) return remedy && remedy > c.now ? remedy : null;
  const floor = Math.max(remedy?.getTime() ?? 0, c.now.getTime() + RENEW_MARGIN_MS);
  // An open case keeps its hold until it comes within the margin: no churn on every change.
  if (c.currentUntil && c.currentUntil.getTime() >= floor) return c.currentUntil;
  return new Date(Math.max(remedy?.getTime() ?? 0, c.now.getTime() + OPEN_CASE_HORIZON_MS));
}

/**
 * Keeps the hold on an order's owner details in step with its case, through the platform's
 * holds (visible to the admin at /api/admin/holds). A changed end releases the old hold and
 * records a new one; both are audited. Runs in the caller's transaction.
 */
export async function syncOwnerHold(
  d: Pick<RequisitionDeps, 'audit'>,
  tx: Tx,
  orderId: string,
  actor: string,
  now: Date,
): Promise<void> {
  const byId = eq(requisitionOrders.id, orderId);
  const [peek] = await tx
    .select({ incidentId: requisitionOrders.incidentId, holdId: requisitionOrders.ownerHoldId })
    .from(requisitionOrders)
    .where(byId);
  if (!peek) return;
  // Replacing a hold touches the incident's destruction job: take it before the order (lock order).
  if (peek.holdId) await lockIncidentDestruction(tx, peek.incidentId);
  const [order] = await tx.select().from(requisitionOrders).where(byId);
  if (!order || order.ownerErasedAt || order.status !== 'issued' || !order.decidedBy) return;
  const [claim] = await tx
    .select()
    .from(requisitionClaims)
    .where(eq(requisitionClaims.orderId, orderId));
  if (!claim) return;
  const [obj] = await tx
    .select({ at: max(requisitionObjections.decidedAt) })
    .from(requisitionObjections)
    .where(eq(requisitionObjections.claimId, claim.id));
  const decisions = [claim.decidedAt, obj?.at ?? null].filter((x): x is Date => x !== null);
  const until = ownerKeepUntil({
    open: claim.status !== 'paid' || claim.openObjectionId !== null,
    lastDecisionAt: decisions.length ? new Date(Math.max(...decisions.map(Number))) : null,
    currentUntil: order.ownerHoldUntil,
    now,
  });
  if (until?.getTime() === order.ownerHoldUntil?.getTime()) return;
  if (order.ownerHoldId) await releaseHold(tx, d.audit, { id: order.ownerHoldId, actor, at: now });
  const hold = until
    ? await placeHold(tx, d.audit, {
        incidentId: order.incidentId,
        holder: OWNER_HOLDER,
        category: OWNER_CATEGORY,
        subjectIds: [order.id],
        reason: `征用补偿及救济期间保留被征用人信息（${order.certificateNumber ?? order.id}） Owner details kept for compensation and remedy of this requisition`,
        assessment: ASSESSMENT,
        until,
        approvedBy: order.decidedBy,
        actor,
        legalBasis: ASSESSMENT.legality,
      })
    : undefined;
  await tx
    .update(requisitionOrders)
    .set({ ownerHoldId: hold?.id ?? null, ownerHoldUntil: until })
    .where(eq(requisitionOrders.id, orderId));
}

/**
 * Renews the holds of open cases before they end, and releases those of settled cases whose
 * remedy period is over (their details are then destroyed by the platform's next run).
 */
export function ownerHoldSweep(d: Pick<RequisitionDeps, 'audit' | 'db'>): Sweep {
  return {
    name: 'requisition.owner-holds',
    async run(now) {
      const o = requisitionOrders;
      const c = requisitionClaims;
      return d.db.transaction(async (tx) => {
        // The claim is the case's lock (services take it too); orders are left to destruction.
        const due = await tx
          .select({ id: o.id })
          .from(o)
          .innerJoin(c, eq(c.orderId, o.id))
          .where(
            and(
              isNotNull(o.ownerHoldId),
              isNull(o.ownerErasedAt),
              or(
                lte(o.ownerHoldUntil, now),
                and(
                  lt(o.ownerHoldUntil, new Date(now.getTime() + RENEW_MARGIN_MS)),
                  or(ne(c.status, 'paid'), isNotNull(c.openObjectionId)),
                ),
              ),
            ),
          )
          .limit(200)
          .for('update', { of: c, skipLocked: true });
        for (const r of due) await syncOwnerHold(d, tx, r.id, 'system', now);
        return due.length;
      });
    },
  };
}
