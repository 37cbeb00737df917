import { asc, eq } from 'drizzle-orm';
import { AppError, type TClaim } from '@muster/contracts';
import type { z } from 'zod';
import type { ZInjuryClaim } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import { uniqueViolation } from '../../platform/db/errors.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { LEGAL_BASIS, drillFields, recordNow, type RequisitionDeps } from './deps.ts';
import { lockClaim, type ClaimRow } from './guards.ts';
import { requisitionInjuryClaims } from './tables.ts';

type InjuryClaim = z.infer<typeof ZInjuryClaim>;
type InjuryRow = typeof requisitionInjuryClaims.$inferSelect;

export function injuryOut(r: InjuryRow): InjuryClaim {
  return {
    id: r.id,
    claimId: r.claimId,
    incidentId: r.incidentId,
    teamId: r.teamId,
    memberId: r.memberId,
    insurer: r.insurer,
    policyNumber: r.policyNumber,
    injuredOn: r.injuredOn,
    insurerReference: r.insurerReference,
    status: r.status as InjuryClaim['status'],
    benefitFen: r.benefitFen,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The team's own leader, or the office, acts on a call-up claim's insurance claims. */
export function requireTeamOrOffice(
  viewer: Viewer,
  claim: Pick<TClaim, 'kind' | 'teamId'> | ClaimRow,
): void {
  if (claim.kind !== 'callup')
    throw new AppError('requisition.wrong_status', 'insurance claims belong to call-up claims');
  if (viewer.role === 'admin' || viewer.role === 'duty_officer') return;
  if (viewer.role === 'team_leader' && viewer.teamId !== null && viewer.teamId === claim.teamId)
    return;
  throw new AppError('requisition.not_your_claim');
}

async function announce(
  d: RequisitionDeps,
  tx: Tx,
  viewer: Viewer,
  row: InjuryRow,
  scope: ClaimRow,
  action: 'recorded' | 'updated',
) {
  await d.outbox.append(tx, [
    {
      type: `requisition.injury_claim.${action}`,
      actor: viewer.accountId,
      incidentId: row.incidentId,
      ...drillFields(scope),
      data: {
        injuryClaimId: row.id,
        claimId: row.claimId,
        incidentId: row.incidentId,
        teamId: row.teamId,
        status: row.status as InjuryClaim['status'],
      },
    },
  ]);
  await d.audit.append(
    {
      actor: viewer.accountId,
      action: `requisition.injury_claim.${action}`,
      subjectType: 'injury_claim',
      subjectId: row.id,
      purpose: row.incidentId,
      legalBasis: LEGAL_BASIS.callup,
      detail: { claimId: row.claimId, status: row.status },
    },
    tx,
  );
}

/** Records an injury insurance claim against the team's policy (as the team states it). */
export async function recordInjury(
  d: RequisitionDeps,
  viewer: Viewer,
  claimId: string,
  b: {
    memberId: string;
    insurer: string;
    policyNumber: string;
    injuredOn: string;
    insurerReference?: string | undefined;
  },
): Promise<InjuryClaim> {
  try {
    return await d.db.transaction(async (tx) => {
      const claim = await lockClaim(tx, claimId);
      requireTeamOrOffice(viewer, claim);
      const now = recordNow(d, claim);
      const [row] = await tx
        .insert(requisitionInjuryClaims)
        .values({
          id: newId(),
          claimId,
          incidentId: claim.incidentId,
          teamId: claim.teamId!,
          ...b,
          insurerReference: b.insurerReference ?? null,
          status: 'filed',
          recordedBy: viewer.accountId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await announce(d, tx, viewer, row!, claim, 'recorded');
      return injuryOut(row!);
    });
  } catch (err) {
    if (uniqueViolation(err) === 'requisition_injury_claims_member_idx')
      throw new AppError(
        'resource.conflict',
        'this member’s injury on that day is already recorded',
      );
    throw err;
  }
}

/** The insurer's answer, as the team or the office learns it. */
export async function updateInjury(
  d: RequisitionDeps,
  viewer: Viewer,
  id: string,
  b: {
    status: InjuryClaim['status'];
    insurerReference?: string | undefined;
    benefitFen?: number | undefined;
  },
): Promise<InjuryClaim> {
  return d.db.transaction(async (tx) => {
    const [cur] = await tx
      .select()
      .from(requisitionInjuryClaims)
      .where(eq(requisitionInjuryClaims.id, id))
      .for('update');
    if (!cur) throw new AppError('resource.not_found', `injury claim ${id}`);
    const claim = await lockClaim(tx, cur.claimId);
    requireTeamOrOffice(viewer, claim);
    const [row] = await tx
      .update(requisitionInjuryClaims)
      .set({
        status: b.status,
        ...(b.insurerReference ? { insurerReference: b.insurerReference } : {}),
        ...(b.benefitFen !== undefined ? { benefitFen: b.benefitFen } : {}),
        updatedAt: recordNow(d, claim),
      })
      .where(eq(requisitionInjuryClaims.id, id))
      .returning();
    await announce(d, tx, viewer, row!, claim, 'updated');
    return injuryOut(row!);
  });
}

export async function listInjuries(d: RequisitionDeps, claimId: string): Promise<InjuryClaim[]> {
  const rows = await d.db
    .select()
    .from(requisitionInjuryClaims)
    .where(eq(requisitionInjuryClaims.claimId, claimId))
    .orderBy(asc(requisitionInjuryClaims.createdAt));
  return rows.map(injuryOut);
}
