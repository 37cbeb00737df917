import { and, count, eq, gt, lte } from 'drizzle-orm';
import {
  AppError,
  type TTeamReadinessReport,
  type TeamReadiness,
  type TrainingKind,
} from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { ForcesDeps } from './deps.ts';
import { chinaDay } from './calendar.ts';
import { gradeReadiness, readinessFacts, windowStart } from './readiness-rule.ts';
import { loadTeams } from './team-reader.ts';
import { forcesTeams, forcesTrainingAttendance, forcesTrainingSessions } from './tables.ts';
import { recordChange } from './team-events.ts';

/** The grade of a team at `now`, with the facts it rests on. */
export async function computeReadiness(
  db: Executor,
  teamId: string,
  now: Date,
): Promise<TTeamReadinessReport> {
  const rows = await db.select().from(forcesTeams).where(eq(forcesTeams.id, teamId)).limit(1);
  const [team] = await loadTeams(db, rows, now);
  if (!team) throw new AppError('forces.team_not_found', teamId);
  const today = chinaDay(now);
  const sessions = await db
    .select({
      kind: forcesTrainingSessions.kind,
      heldOn: forcesTrainingSessions.heldOn,
      score: forcesTrainingSessions.score,
      attendees: count(forcesTrainingAttendance.memberId),
    })
    .from(forcesTrainingSessions)
    .leftJoin(
      forcesTrainingAttendance,
      eq(forcesTrainingAttendance.sessionId, forcesTrainingSessions.id),
    )
    .where(
      and(
        eq(forcesTrainingSessions.teamId, teamId),
        gt(forcesTrainingSessions.heldOn, windowStart(today)),
        lte(forcesTrainingSessions.heldOn, today),
      ),
    )
    .groupBy(forcesTrainingSessions.id);
  const paperworkCurrent = team.callability
    .filter((c) => c.code !== 'approved_and_current')
    .every((c) => c.ok);
  const facts = readinessFacts({
    today,
    sessions: sessions.map((s) => ({ ...s, kind: s.kind as TrainingKind })),
    rollSize: team.memberCount,
    paperworkCurrent,
  });
  const { grade, missing } = gradeReadiness(today, facts);
  return { teamId, grade, asOf: today, facts, missing };
}

/**
 * Works the grade out again inside the caller's transaction (the change that may move it holds
 * the team's row) and stores it; a change of grade is announced and audited in the same
 * transaction. Returns the grade.
 */
export async function refreshReadiness(
  d: Pick<ForcesDeps, 'outbox' | 'audit'>,
  tx: Tx,
  teamId: string,
  now: Date,
  actor: string,
): Promise<TeamReadiness> {
  const [row] = await tx
    .select({ readiness: forcesTeams.readiness })
    .from(forcesTeams)
    .where(eq(forcesTeams.id, teamId))
    .for('update');
  if (!row) throw new AppError('forces.team_not_found', teamId);
  const report = await computeReadiness(tx, teamId, now);
  await tx
    .update(forcesTeams)
    .set({ readiness: report.grade, readinessCheckedOn: report.asOf })
    .where(eq(forcesTeams.id, teamId));
  const from = row.readiness as TeamReadiness;
  if (from !== report.grade)
    await recordChange(d, tx, {
      actor,
      action: 'forces.team.readiness_changed',
      subjectType: 'team',
      subjectId: teamId,
      events: [
        {
          type: 'forces.team.readiness_changed',
          actor,
          data: { teamId, from, to: report.grade },
        },
      ],
      detail: { from, to: report.grade },
    });
  return report.grade;
}
