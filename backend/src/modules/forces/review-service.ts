import { eq } from 'drizzle-orm';
import type { TReturnReason, TTeam } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { FILING_LEGAL_BASIS, type ForcesDeps } from './deps.ts';
import { lockTeam, reload, requireIndependentReviewer, requireStatus } from './team-guards.ts';
import type { TeamRow } from './team-reader.ts';
import { registryNow } from './calendar.ts';
import { refreshReadiness } from './readiness-service.ts';
import { forcesTeams } from './tables.ts';

/** How long an approval holds before the team must be reviewed again (issue 4: yearly). */
const APPROVAL_YEARS = 1;

/** A filing under review: submitted, or approved with a renewal handed in. */
function requireUnderReview(team: TeamRow): boolean {
  if (team.status === 'approved' && team.renewalSubmittedAt) return true;
  requireStatus(team, 'submitted');
  return false;
}

/**
 * A duty officer (or the admin) approves a submitted filing for a year; a renewal approved
 * before the approval ends runs on from its end, so an early renewal loses no days.
 */
export async function approveTeam(d: ForcesDeps, viewer: Viewer, id: string): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireIndependentReviewer(viewer, team);
    const renewal = requireUnderReview(team);
    const now = registryNow(d);
    const runsOut = team.approvalExpiresAt;
    const expires = new Date(renewal && runsOut && runsOut > now ? runsOut : now);
    expires.setUTCFullYear(expires.getUTCFullYear() + APPROVAL_YEARS);
    await tx
      .update(forcesTeams)
      .set({
        status: 'approved',
        approvedAt: now,
        approvalExpiresAt: expires,
        renewalSubmittedAt: null,
        statusReason: null,
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
        detail: { approvalExpiresAt: expires.toISOString(), renewal },
      },
      tx,
    );
    await refreshReadiness(d, tx, id, now, viewer.accountId);
  });
  return reload(d, id);
}

/**
 * A duty officer returns a submitted filing for correction, with the reasons. A returned renewal
 * leaves the team approved until its approval ends; the leader corrects and hands it in again.
 */
export async function returnTeam(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  reasons: TReturnReason[],
): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireIndependentReviewer(viewer, team);
    const renewal = requireUnderReview(team);
    const now = registryNow(d);
    await tx
      .update(forcesTeams)
      .set({
        status: renewal ? 'approved' : 'returned',
        renewalSubmittedAt: null,
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
        detail: { reasons: reasons.length, renewal },
      },
      tx,
    );
  });
  return reload(d, id);
}
