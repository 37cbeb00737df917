import { eq } from 'drizzle-orm';
import { AppError } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import { lockClaim, requireStatus, type ClaimRow } from './guards.ts';
import { syncOwnerHold } from './owner-holds.ts';
import { requisitionClaims, requisitionObjections } from './tables.ts';

type FiledBy = { kind: 'owner' | 'team' | 'office'; accountId: string | null; channel: string };
type ObjectionRow = typeof requisitionObjections.$inferSelect;

/** Files an objection on a locked claim: one open objection per claim at a time. */
export async function fileOn(
  d: RequisitionDeps,
  tx: Tx,
  claim: ClaimRow,
  by: FiledBy,
  reasons: string,
): Promise<string> {
  if (claim.openObjectionId) throw new AppError('requisition.objection_open');
  const id = newId();
  const now = recordNow(d, claim);
  await tx.insert(requisitionObjections).values({
    id,
    claimId: claim.id,
    incidentId: claim.incidentId,
    exercise: claim.exercise,
    drillRunId: claim.drillRunId,
    filedByKind: by.kind,
    filedBy: by.accountId,
    channel: by.channel,
    reasons,
    filedAt: now,
    status: 'filed',
  });
  await tx
    .update(requisitionClaims)
    .set({ openObjectionId: id, updatedAt: now })
    .where(eq(requisitionClaims.id, claim.id));
  const actor = by.accountId ?? 'public';
  if (claim.orderId) await syncOwnerHold(d, tx, claim.orderId, actor, now);
  await d.outbox.append(tx, [
    {
      type: 'requisition.objection.filed',
      actor: by.accountId ?? 'system',
      incidentId: claim.incidentId,
      ...drillFields(claim),
      data: { objectionId: id, claimId: claim.id, incidentId: claim.incidentId, filedBy: by.kind },
    },
  ]);
  await d.audit.append(
    {
      actor,
      action: 'requisition.objection.filed',
      subjectType: 'objection',
      subjectId: id,
      purpose: claim.incidentId,
      legalBasis: LEGAL_BASIS.objection,
      detail: { claimId: claim.id, filedBy: by.kind, channel: by.channel },
    },
    tx,
  );
  return id;
}

/** A team leader objects for their team's call-up claim; an official records one for an owner. */
export async function fileByAccount(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  b: { reasons: string; channel: 'online' | 'in_person' | 'letter' },
): Promise<string> {
  return d.db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (viewer.role === 'team_leader') {
      if (claim.kind !== 'callup' || !viewer.teamId || claim.teamId !== viewer.teamId)
        throw new AppError('requisition.not_your_claim');
      return fileOn(
        d,
        tx,
        claim,
        { kind: 'team', accountId: viewer.accountId, channel: 'online' },
        b.reasons,
      );
    }
    return fileOn(
      d,
      tx,
      claim,
      { kind: 'office', accountId: viewer.accountId, channel: b.channel },
      b.reasons,
    );
  });
}

async function lockObjection(tx: Tx, id: string): Promise<ObjectionRow> {
  const [row] = await tx
    .select()
    .from(requisitionObjections)
    .where(eq(requisitionObjections.id, id))
    .for('update');
  if (!row) throw new AppError('requisition.objection_not_found', id);
  return row;
}

/** Whoever assessed or decided the claim does not review the objection to it. */
function requireIndependent(viewer: Viewer, claim: ClaimRow): void {
  if (claim.decidedBy === viewer.accountId || claim.assessedBy === viewer.accountId)
    throw new AppError('requisition.self_review');
}

/** The objection and its claim, locked, in the expected status, for an independent official. */
async function lockForReview(tx: Tx, viewer: Viewer, id: string, status: string) {
  const obj = await lockObjection(tx, id);
  const claim = await lockClaim(tx, obj.claimId);
  requireStatus('objection', obj.status, status);
  requireIndependent(viewer, claim);
  return { obj, claim };
}

/** An independent official takes the objection up. */
export async function startReview(d: RequisitionDeps, viewer: Viewer, id: string): Promise<void> {
  await d.db.transaction(async (tx) => {
    const { obj } = await lockForReview(tx, viewer, id, 'filed');
    const now = recordNow(d, obj);
    await tx
      .update(requisitionObjections)
      .set({ status: 'under_review', reviewer: viewer.accountId, reviewStartedAt: now })
      .where(eq(requisitionObjections.id, id));
    await d.outbox.append(tx, [
      {
        type: 'requisition.objection.review_started',
        actor: viewer.accountId,
        incidentId: obj.incidentId,
        ...drillFields(obj),
        data: { objectionId: id, claimId: obj.claimId, incidentId: obj.incidentId },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.objection.review_started',
        subjectType: 'objection',
        subjectId: id,
        purpose: obj.incidentId,
      },
      tx,
    );
  });
}

/**
 * The reasoned decision on the objection, with the remedy notice. Upheld (wholly or partly): the
 * claim goes back to be assessed again (payments made stay and count); dismissed: it stands.
 */
export async function decideObjection(
  d: RequisitionDeps,
  viewer: Viewer,
  id: string,
  b: { outcome: 'upheld' | 'partly_upheld' | 'dismissed'; reasons: string },
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const { obj, claim } = await lockForReview(tx, viewer, id, 'under_review');
    const now = recordNow(d, obj);
    await tx
      .update(requisitionObjections)
      .set({
        status: 'decided',
        outcome: b.outcome,
        decidedBy: viewer.accountId,
        decidedAt: now,
        decisionReasons: b.reasons,
      })
      .where(eq(requisitionObjections.id, id));
    await tx
      .update(requisitionClaims)
      .set({
        openObjectionId: null,
        updatedAt: now,
        ...(b.outcome === 'dismissed' ? {} : { status: 'open' }),
      })
      .where(eq(requisitionClaims.id, claim.id));
    if (claim.orderId) await syncOwnerHold(d, tx, claim.orderId, viewer.accountId, now);
    await d.outbox.append(tx, [
      {
        type: 'requisition.objection.decided',
        actor: viewer.accountId,
        incidentId: obj.incidentId,
        ...drillFields(obj),
        data: {
          objectionId: id,
          claimId: claim.id,
          incidentId: obj.incidentId,
          outcome: b.outcome,
          decidedAt: now.toISOString(),
        },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'requisition.objection.decided',
        subjectType: 'objection',
        subjectId: id,
        purpose: obj.incidentId,
        legalBasis: LEGAL_BASIS.objection,
        detail: { claimId: claim.id, outcome: b.outcome },
      },
      tx,
    );
  });
}
