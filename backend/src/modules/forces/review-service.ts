import { eq } from 'drizzle-orm';
import type { TReturnReason, TTeam } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { FILING_LEGAL_BASIS, type ForcesDeps } from './deps.ts';
import { lockTeam, reload, requireIndependentReviewer, requireStatus } from './team-guards.ts';
import { forcesTeams } from './tables.ts';

/** How long an approval holds before the team must be reviewed again (issue 4: yearly). */
const APPROVAL_YEARS = 1;

/** A duty officer (or the admin) approves a submitted filing for a year. */
export async function approveTeam(d: ForcesDeps, viewer: Viewer, id: string): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireIndependentReviewer(viewer, team);
    requireStatus(team, 'submitted');
    const now = d.clock.now();
    const expires = new Date(now);
    expires.setUTCFullYear(expires.getUTCFullYear() + APPROVAL_YEARS);
    await tx
      .update(forcesTeams)
      .set({
        status: 'approved',
        approvedAt: now,
        approvalExpiresAt: expires,
        reviewedAt: now,
        reviewedBy: viewer.accountId,
        returnReasons: [],
        updatedAt: now,
      })
      .where(eq(forcesTeams.id, id));
    await d.outbox.append(tx, [
      {
        type: 'forces.team.approved',
        actor: viewer.accountId,
        data: {
          teamId: id,
          approvedAt: now.toISOString(),
          approvalExpiresAt: expires.toISOString(),
        },
      },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'forces.team.approved',
        subjectType: 'team',
        subjectId: id,
        legalBasis: FILING_LEGAL_BASIS,
        detail: { approvalExpiresAt: expires.toISOString() },
      },
      tx,
    );
  });
  return reload(d, id);
}

/** A duty officer returns a submitted filing for correction, with the reasons. */
export async function returnTeam(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  reasons: TReturnReason[],
): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireIndependentReviewer(viewer, team);
    requireStatus(team, 'submitted');
    const now = d.clock.now();
    await tx
      .update(forcesTeams)
      .set({
        status: 'returned',
        returnReasons: reasons,
        reviewedAt: now,
        reviewedBy: viewer.accountId,
        updatedAt: now,
      })
      .where(eq(forcesTeams.id, id));
    await d.outbox.append(tx, [
      { type: 'forces.team.returned', actor: viewer.accountId, data: { teamId: id, reasons } },
    ]);
    await d.audit.append(
      {
        actor: viewer.accountId,
        action: 'forces.team.returned',
        subjectType: 'team',
        subjectId: id,
        legalBasis: FILING_LEGAL_BASIS,
        detail: { reasons: reasons.length },
      },
      tx,
    );
  });
  return reload(d, id);
}
