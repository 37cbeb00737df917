import { eq } from 'drizzle-orm';
import { AppError } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { uniqueViolation } from '../../platform/db/errors.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import { fieldError, lockClaim, requireStatus, type ClaimRow } from './guards.ts';
import { syncOwnerHold } from './owner-holds.ts';
import { chinaDate, remedyDeadlines } from './remedy.ts';
import { requisitionClaims, requisitionPayments } from './tables.ts';

type ClaimKind = 'property' | 'callup';

/** Paid in full (a decision of 0 is settled at once), partly, or not yet. */
export function statusAfterPayment(
  amountFen: number,
  paidFen: number,
): 'approved' | 'partially_paid' | 'paid' {
  if (paidFen >= amountFen) return 'paid';
  return paidFen > 0 ? 'partially_paid' : 'approved';
}

async function afterChange(d: RequisitionDeps, tx: Tx, claim: ClaimRow, actor: string, now: Date) {
  if (claim.orderId) await syncOwnerHold(d, tx, claim.orderId, actor, now);
}

/**
 * The compensation decision (补偿决定): an official other than the assessor approves the assessed
 * amount with reasons; the decision carries the remedy notice and its last days.
 */
export async function approveClaim(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  reasons: string,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    requireStatus('claim', claim.status, 'assessed');
    if (claim.assessedBy === viewer.accountId)
      throw new AppError('requisition.self_approval', 'assessor');
    const amountFen = claim.amountFen ?? 0;
    if (amountFen < claim.paidFen)
      throw new AppError('requisition.below_paid', String(claim.paidFen));
    const now = recordNow(d, claim);
    const deadlines = remedyDeadlines(now);
    await tx
      .update(requisitionClaims)
      .set({
        status: statusAfterPayment(amountFen, claim.paidFen),
        decidedBy: viewer.accountId,
        decidedAt: now,
        decisionReasons: reasons,
        updatedAt: now,
      })
      .where(eq(requisitionClaims.id, claimId));
    await afterChange(d, tx, claim, viewer.accountId, now);
    await d.outbox.append(tx, [
      {
        type: 'requisition.compensation.approved',
        actor: viewer.accountId,
        incidentId: claim.incidentId,
        ...drillFields(claim),
        data: {
          claimId,
          kind: claim.kind as ClaimKind,
          incidentId: claim.incidentId,
          amountFen,
          approvedAt: now.toISOString(),
          ...deadlines,
        },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.compensation.approved',
        subjectType: 'compensation_claim',
        subjectId: claimId,
        purpose: claim.incidentId,
        legalBasis: claim.kind === 'callup' ? LEGAL_BASIS.callup : LEGAL_BASIS.compensation,
        detail: { amountFen, assessmentNo: claim.assessmentNo, ...deadlines },
      },
      tx,
    );
  });
}

/** The approver sends an assessment back to be done again, with the reason. */
export async function sendBack(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  reason: string,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    requireStatus('claim', claim.status, 'assessed');
    const now = recordNow(d, claim);
    await tx
      .update(requisitionClaims)
      .set({
        status: 'open',
        sentBackBy: viewer.accountId,
        sentBackAt: now,
        sentBackReason: reason,
        updatedAt: now,
      })
      .where(eq(requisitionClaims.id, claimId));
    await d.outbox.append(tx, [
      {
        type: 'requisition.compensation.sent_back',
        actor: viewer.accountId,
        incidentId: claim.incidentId,
        ...drillFields(claim),
        data: { claimId, kind: claim.kind as ClaimKind, incidentId: claim.incidentId },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.compensation.sent_back',
        subjectType: 'compensation_claim',
        subjectId: claimId,
        purpose: claim.incidentId,
      },
      tx,
    );
  });
}

/** A payment (amount, date, payer, reference) against a decided claim; never more than is owed. */
export async function recordPayment(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  b: { amountFen: number; paidOn: string; payer: string; reference: string },
): Promise<void> {
  try {
    await d.db.transaction(async (tx) => {
      const claim = await lockClaim(tx, claimId);
      requireStatus('claim', claim.status, 'approved', 'partially_paid');
      const now = recordNow(d, claim);
      const owed = (claim.amountFen ?? 0) - claim.paidFen;
      if (b.amountFen > owed)
        throw fieldError(
          'body.amountFen',
          `超过未付金额 ${owed} 分 / more than the ${owed} fen still owed`,
        );
      if (b.paidOn > chinaDate(now))
        throw fieldError('body.paidOn', '不能晚于今天 / must not be in the future');
      const paidFen = claim.paidFen + b.amountFen;
      await tx.insert(requisitionPayments).values({
        id: newId(),
        claimId,
        ...b,
        recordedBy: viewer.accountId,
        recordedAt: now,
      });
      await tx
        .update(requisitionClaims)
        .set({ paidFen, status: statusAfterPayment(claim.amountFen ?? 0, paidFen), updatedAt: now })
        .where(eq(requisitionClaims.id, claimId));
      await afterChange(d, tx, claim, viewer.accountId, now);
      await d.outbox.append(tx, [
        {
          type: 'requisition.compensation.paid',
          actor: viewer.accountId,
          incidentId: claim.incidentId,
          ...drillFields(claim),
          data: {
            claimId,
            incidentId: claim.incidentId,
            amountFen: b.amountFen,
            paidAt: new Date(`${b.paidOn}T00:00:00+08:00`).toISOString(),
          },
        },
      ]);
      await d.audit.append(
        {
          actor: viewer.accountId,
          action: 'requisition.compensation.paid',
          subjectType: 'compensation_claim',
          subjectId: claimId,
          purpose: claim.incidentId,
          legalBasis: LEGAL_BASIS.compensation,
          detail: { amountFen: b.amountFen, paidFen, paidOn: b.paidOn },
        },
        tx,
      );
    });
  } catch (err) {
    if (uniqueViolation(err) === 'requisition_payments_reference_idx')
      throw new AppError('requisition.payment_duplicate', b.reference);
    throw err;
  }
}
