import { and, eq, lte } from 'drizzle-orm';
import type { TTeam } from '@muster/contracts';
import { notifyAccessChanged } from '../../platform/access/index.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { ForcesDeps } from './deps.ts';
import { registryNow } from './calendar.ts';
import { lockTeam, reload, requireIndependentReviewer, requireStatus } from './team-guards.ts';
import type { TeamRow } from './team-reader.ts';
import { recordChange } from './team-events.ts';
import { forcesTeams } from './tables.ts';

/*
 * The lifecycle after approval (docs/forces.md "Review lifecycle"): the office suspends an
 * approved team and reinstates it, or revokes a filing for good; an approval lapses a year on.
 * Whoever leads, belongs to or handed in a filing does not decide on it (four eyes).
 */

/** Statuses a filing may be revoked from: anything but revoked already. */
const REVOCABLE = ['draft', 'submitted', 'approved', 'returned', 'lapsed', 'suspended'];

type Decision = 'suspended' | 'reinstated' | 'revoked';

/**
 * One decision of the office on a team, in one transaction: four eyes, the allowed statuses, the
 * new status with its reason, the event and the audit entry.
 */
async function decide(
  d: ForcesDeps,
  viewer: Viewer,
  id: string,
  o: {
    decision: Decision;
    from: string[];
    to: (team: TeamRow, now: Date) => 'approved' | 'lapsed' | 'suspended' | 'revoked';
    reason: string | null;
  },
): Promise<TTeam> {
  await d.db.transaction(async (tx) => {
    const team = await lockTeam(tx, id);
    requireIndependentReviewer(viewer, team);
    requireStatus(team, ...o.from);
    const now = registryNow(d);
    const status = o.to(team, now);
    await tx
      .update(forcesTeams)
      .set({
        status,
        statusReason: o.reason,
        statusChangedAt: now,
        statusChangedBy: viewer.accountId,
        ...(status === 'revoked' ? { renewalSubmittedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(forcesTeams.id, id));
    // Every process drops the viewers it keeps of the team's people: their next request is
    // judged on the team as it is now.
    await notifyAccessChanged(tx, { teams: [id] });
    const actor = viewer.accountId;
    const reason = o.reason ?? '';
    await recordChange(d, tx, {
      actor,
      action: `forces.team.${o.decision}`,
      subjectType: 'team',
      subjectId: id,
      events: [
        o.decision === 'reinstated'
          ? {
              type: 'forces.team.reinstated',
              actor,
              data: { teamId: id, status: status === 'lapsed' ? 'lapsed' : 'approved' },
            }
          : { type: `forces.team.${o.decision}`, actor, data: { teamId: id, reason } },
      ],
      detail: { from: team.status, to: status },
    });
  });
  return reload(d, id);
}

/** The office suspends an approved team, with the reason; it is not callable meanwhile. */
export function suspendTeam(d: ForcesDeps, viewer: Viewer, id: string, reason: string) {
  return decide(d, viewer, id, {
    decision: 'suspended',
    from: ['approved'],
    to: () => 'suspended',
    reason,
  });
}

/** Ends a suspension: approved again, or lapsed when the approval ran out meanwhile. */
export function reinstateTeam(d: ForcesDeps, viewer: Viewer, id: string, note: string | undefined) {
  return decide(d, viewer, id, {
    decision: 'reinstated',
    from: ['suspended'],
    to: (team, now) =>
      team.approvalExpiresAt && team.approvalExpiresAt <= now ? 'lapsed' : 'approved',
    reason: note ?? null,
  });
}

/** The office revokes a filing for good, with the reason. */
export function revokeTeam(d: ForcesDeps, viewer: Viewer, id: string, reason: string) {
  return decide(d, viewer, id, {
    decision: 'revoked',
    from: REVOCABLE,
    to: () => 'revoked',
    reason,
  });
}

/** Teams lapsed per transaction: small, so a long backlog never holds many row locks. */
const LAPSE_BATCH = 100;

/**
 * Marks approved teams whose approval has run out as lapsed (submitted, when a renewal waits for
 * review), each with its event and audit entry.
 * Safe on several instances (rows claimed with SKIP LOCKED) and to run again (nothing left).
 */
export function lapseSweep(d: ForcesDeps): Sweep {
  return {
    name: 'forces.approval-lapses',
    async run(now) {
      let total = 0;
      for (;;) {
        const n = await d.db.transaction(async (tx) => {
          const due = await tx
            .select({
              id: forcesTeams.id,
              expires: forcesTeams.approvalExpiresAt,
              renewal: forcesTeams.renewalSubmittedAt,
            })
            .from(forcesTeams)
            .where(and(eq(forcesTeams.status, 'approved'), lte(forcesTeams.approvalExpiresAt, now)))
            .limit(LAPSE_BATCH)
            .for('update', { skipLocked: true });
          for (const t of due) {
            await tx
              .update(forcesTeams)
              // A renewal handed in but not yet reviewed waits on as an ordinary submission.
              .set({
                status: t.renewal ? 'submitted' : 'lapsed',
                statusReason: null,
                statusChangedAt: now,
                statusChangedBy: null,
                renewalSubmittedAt: null,
                updatedAt: now,
              })
              .where(eq(forcesTeams.id, t.id));
            const approvalExpiresAt = (t.expires ?? now).toISOString();
            await recordChange(d, tx, {
              actor: 'system',
              action: 'forces.team.lapsed',
              subjectType: 'team',
              subjectId: t.id,
              events: [
                {
                  type: 'forces.team.lapsed',
                  actor: 'system',
                  data: { teamId: t.id, approvalExpiresAt },
                },
              ],
              detail: { approvalExpiresAt },
            });
          }
          return due.length;
        });
        total += n;
        if (n < LAPSE_BATCH) return total;
      }
    },
  };
}
