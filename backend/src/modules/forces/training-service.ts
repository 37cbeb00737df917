import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  AppError,
  type TTrainingSession,
  type TTrainingSessionRequest,
  type TrainingKind,
} from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { ForcesDeps } from './deps.ts';
import { chinaDay } from './calendar.ts';
import { refreshReadiness } from './readiness-service.ts';
import { recordChange } from './team-events.ts';
import { forcesTeams, forcesTrainingAttendance, forcesTrainingSessions } from './tables.ts';

export type SessionRow = typeof forcesTrainingSessions.$inferSelect;

/** Where a session comes from: a person entering it, or a drill run (issue 9) recording it. */
export type SessionSource = { kind: 'manual' } | { kind: 'drill_run'; drillRunId: string };

/** Hours on the wire, minutes in the database (integers add up exactly). */
export const toMinutes = (hours: number) => Math.round(hours * 60);
export const toHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function invalid(path: string, message: string): AppError {
  const issues = [{ path, message }];
  return new AppError('request.invalid', `${path}: ${message}`, issues);
}

/**
 * Records a training session or joint drill of a team inside the caller's transaction, with its
 * event, audit entry and the readiness that follows. The one entry point for both sources: the
 * HTTP route (`manual`) and, later, the drills module's exercise runs (`drill_run`, through a
 * consumer of its events in this module). A drill run's session is recorded once per team:
 * calling again with the same run returns the session already recorded.
 */
export async function recordSession(
  d: Pick<ForcesDeps, 'outbox' | 'audit'>,
  tx: Tx,
  o: {
    actor: string;
    teamId: string;
    session: TTrainingSessionRequest;
    source: SessionSource;
    now: Date;
  },
): Promise<SessionRow> {
  const [team] = await tx
    .select({ status: forcesTeams.status })
    .from(forcesTeams)
    .where(eq(forcesTeams.id, o.teamId))
    .for('update');
  if (!team) throw new AppError('forces.team_not_found', o.teamId);
  if (team.status === 'revoked') throw new AppError('forces.wrong_status', team.status);
  if (o.session.heldOn > chinaDay(o.now))
    throw invalid(
      'body.heldOn',
      '不能登记未来的训练 / a session cannot be recorded before it is held',
    );
  const drillRunId = o.source.kind === 'drill_run' ? o.source.drillRunId : null;
  const [row] = await tx
    .insert(forcesTrainingSessions)
    .values({
      id: newId(),
      teamId: o.teamId,
      kind: o.session.kind,
      heldOn: o.session.heldOn,
      partner: o.session.partner ?? null,
      subject: o.session.subject,
      minutes: toMinutes(o.session.hours),
      source: o.source.kind,
      drillRunId,
      recordedBy: o.actor,
      createdAt: o.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    if (!drillRunId) throw new AppError('resource.conflict', 'training session');
    const [existing] = await tx
      .select()
      .from(forcesTrainingSessions)
      .where(
        and(
          eq(forcesTrainingSessions.teamId, o.teamId),
          eq(forcesTrainingSessions.drillRunId, drillRunId),
        ),
      );
    if (!existing) throw new AppError('resource.conflict', 'training session');
    return existing;
  }
  await recordChange(d, tx, {
    actor: o.actor,
    action: 'forces.training.recorded',
    subjectType: 'training_session',
    subjectId: row.id,
    events: [
      {
        type: 'forces.training.recorded',
        actor: o.actor,
        ...(drillRunId ? { exercise: true, drillRunId } : {}),
        data: {
          teamId: o.teamId,
          sessionId: row.id,
          kind: o.session.kind,
          heldOn: o.session.heldOn,
          hours: o.session.hours,
          source: o.source.kind,
          ...(drillRunId ? { drillRunId } : {}),
        },
      },
    ],
    detail: { teamId: o.teamId, kind: o.session.kind },
  });
  await refreshReadiness(d, tx, o.teamId, o.now, o.actor);
  return row;
}

/** Sessions as they are shown, attendance included (ids and hours only). */
export async function sessionsOut(
  db: Executor,
  rows: readonly SessionRow[],
  withAttendance: boolean,
): Promise<TTrainingSession[]> {
  const ids = rows.map((r) => r.id);
  const attendance =
    withAttendance && ids.length > 0
      ? await db
          .select()
          .from(forcesTrainingAttendance)
          .where(inArray(forcesTrainingAttendance.sessionId, ids))
          .orderBy(asc(forcesTrainingAttendance.memberId))
      : [];
  return rows.map((r) => ({
    id: r.id,
    teamId: r.teamId,
    kind: r.kind as TrainingKind,
    heldOn: r.heldOn,
    partner: r.partner,
    subject: r.subject,
    hours: toHours(r.minutes),
    source: r.source === 'drill_run' ? 'drill_run' : 'manual',
    drillRunId: r.drillRunId,
    score: r.score,
    evaluationNote: r.evaluationNote,
    evaluatedAt: r.evaluatedAt?.toISOString() ?? null,
    attendance: attendance
      .filter((a) => a.sessionId === r.id)
      .map((a) => ({ memberId: a.memberId, hours: toHours(a.minutes) })),
    createdAt: r.createdAt.toISOString(),
  }));
}
