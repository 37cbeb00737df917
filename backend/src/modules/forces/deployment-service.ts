import { eq } from 'drizzle-orm';
import { AppError, type DeploymentStatus, type TStandDownRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { auditCallup } from './callup-audit.ts';
import { eventMeta, recordNow, type CallupContext } from './callup-deps.ts';
import {
  knownIncident,
  lockAssignment,
  lockCallup,
  requireIncidentAuthority,
  type AssignmentRow,
} from './callup-store.ts';
import { forcesCallupAssignments } from './callup-tables.ts';
import { foreignMembers, standDownAssignment } from './deployment-stand-down.ts';

type TeamRole = 'leader' | 'member';

/**
 * Who may act for a deployed team: its leader (and, for `member`, its members), or a duty
 * officer or the incident's commander recording what the team reported by radio.
 */
async function requireTeamOrCommand(
  tx: Tx,
  viewer: Viewer,
  a: AssignmentRow,
  who: TeamRole,
): Promise<void> {
  if (viewer.teamId === a.teamId) {
    if (viewer.role === 'team_leader') return;
    if (viewer.role === 'team_member' && who === 'member') return;
  }
  requireIncidentAuthority(viewer, await knownIncident(tx, a.incidentId));
}

/** Locks the call-up then the team's row, and lets the work see both. */
async function onDeployment<T>(
  c: CallupContext,
  callupId: string,
  teamId: string,
  work: (tx: Tx, a: AssignmentRow) => Promise<T>,
): Promise<T> {
  return c.db.transaction(async (tx) => {
    await lockCallup(tx, callupId);
    return work(tx, await lockAssignment(tx, callupId, teamId));
  });
}

const requireDeployed = (a: AssignmentRow): void => {
  if (a.status !== 'accepted') throw new AppError('forces.not_deployed', a.status);
};

async function changeStatus(
  c: CallupContext,
  tx: Tx,
  a: AssignmentRow,
  to: DeploymentStatus,
  actor: string,
  extra: Partial<typeof forcesCallupAssignments.$inferInsert> = {},
): Promise<void> {
  const now = recordNow(c, a);
  await tx
    .update(forcesCallupAssignments)
    .set({ deployment: to, statusAt: now, updatedAt: now, ...extra })
    .where(eq(forcesCallupAssignments.id, a.id));
  await c.outbox.append(tx, [
    {
      type: 'forces.deployment.status_changed',
      ...eventMeta(actor, a),
      data: {
        callupId: a.callupId,
        incidentId: a.incidentId,
        teamId: a.teamId,
        status: to,
        previous: (a.deployment as DeploymentStatus | null) ?? null,
        at: now.toISOString(),
      },
    },
  ]);
}

/** The team reports at the rally point: on scene. A second check-in changes nothing. */
export async function checkIn(
  c: CallupContext,
  viewer: Viewer,
  callupId: string,
  teamId: string,
  memberIds: readonly string[] | undefined,
): Promise<void> {
  await onDeployment(c, callupId, teamId, async (tx, a) => {
    await requireTeamOrCommand(tx, viewer, a, 'member');
    requireDeployed(a);
    if (a.checkedInAt) return;
    const issues = await foreignMembers(tx, teamId, memberIds ?? [], (i) => `body.memberIds.${i}`);
    if (issues.length > 0)
      throw new AppError('request.invalid', issues.map((i) => i.path).join(', '), issues);
    const now = recordNow(c, a);
    await changeStatus(c, tx, a, 'on_scene', viewer.accountId, {
      checkedInAt: now,
      ...(memberIds ? { memberIds: [...memberIds] } : {}),
    });
    await c.outbox.append(tx, [
      {
        type: 'forces.team.checked_in',
        ...eventMeta(viewer.accountId, a),
        data: { callupId, incidentId: a.incidentId, teamId, checkedInAt: now.toISOString() },
      },
    ]);
  });
}

/**
 * En route before check-in; working and returning after it (and back to work). The same status
 * again changes nothing.
 */
export async function setDeploymentStatus(
  c: CallupContext,
  viewer: Viewer,
  callupId: string,
  teamId: string,
  to: 'en_route' | 'working' | 'returning',
): Promise<void> {
  await onDeployment(c, callupId, teamId, async (tx, a) => {
    await requireTeamOrCommand(tx, viewer, a, 'leader');
    requireDeployed(a);
    if (a.deployment === to) return;
    const ok = to === 'en_route' ? !a.checkedInAt : a.checkedInAt !== null;
    if (!ok)
      throw new AppError('forces.deployment_transition', `${a.deployment ?? 'accepted'} → ${to}`);
    await changeStatus(c, tx, a, to, viewer.accountId);
  });
}

/** A duty officer or the incident's commander stands a team down. Again: no change. */
export async function standDown(
  c: CallupContext,
  viewer: Viewer,
  callupId: string,
  teamId: string,
  body: TStandDownRequest,
): Promise<void> {
  await onDeployment(c, callupId, teamId, async (tx, a) => {
    requireIncidentAuthority(viewer, await knownIncident(tx, a.incidentId));
    if (a.status === 'stood_down') return;
    await standDownAssignment(c, tx, a, { actor: viewer.accountId, body });
    await auditCallup(c, tx, {
      actor: viewer.accountId,
      action: 'forces.callup.stood_down',
      callupId,
      incidentId: a.incidentId,
      detail: { teamId },
    });
  });
}
