import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, type TTrainingSession, type TTrainingSessionRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { registryNow } from './calendar.ts';
import { visibleTeam } from './read-service.ts';
import { refreshReadiness } from './readiness-service.ts';
import { lockTeam, requireIndependentReviewer } from './team-guards.ts';
import { recordChange } from './team-events.ts';
import {
  recordSession,
  sessionsOut,
  toHours,
  toMinutes,
  type SessionRow,
} from './training-service.ts';
import {
  forcesMembers,
  forcesServiceHours,
  forcesTrainingAttendance,
  forcesTrainingSessions,
} from './tables.ts';
import type { TeamRow } from './team-reader.ts';

const OFFICE = ['admin', 'duty_officer'];

/** The team's own leader, or the office, keeps its training record. */
function requireKeeper(viewer: Viewer, team: TeamRow): void {
  if (OFFICE.includes(viewer.role)) return;
  if (viewer.role === 'team_leader' && team.leaderAccountId === viewer.accountId) return;
  throw new AppError('forces.not_your_team');
}

async function lockSession(tx: Tx, sessionId: string): Promise<{ s: SessionRow; team: TeamRow }> {
  const [s] = await tx
    .select()
    .from(forcesTrainingSessions)
    .where(eq(forcesTrainingSessions.id, sessionId));
  if (!s) throw new AppError('forces.session_not_found', sessionId);
  const team = await lockTeam(tx, s.teamId);
  return { s, team };
}

async function one(d: ForcesDeps, id: string): Promise<TTrainingSession> {
  const rows = await d.db
    .select()
    .from(forcesTrainingSessions)
    .where(eq(forcesTrainingSessions.id, id));
  const [out] = await sessionsOut(d.db, rows, true);
  if (!out) throw new AppError('forces.session_not_found', id);
  return out;
}

export async function createSession(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  b: TTrainingSessionRequest,
): Promise<TTrainingSession> {
  const row = await d.db.transaction(async (tx) => {
    requireKeeper(viewer, await lockTeam(tx, teamId));
    return recordSession(d, tx, {
      actor: viewer.accountId,
      teamId,
      session: b,
      source: { kind: 'manual' },
      now: registryNow(d),
    });
  });
  return one(d, row.id);
}

/**
 * Replaces who attended a session and credits each attendee's training (or, for a joint drill,
 * drill) hours in the same transaction: hours are keyed by session and member, so writing the
 * list again moves hours rather than adding them.
 */
export async function recordAttendance(
  d: ForcesDeps,
  viewer: Viewer,
  sessionId: string,
  attendance: { memberId: string; hours?: number | undefined }[],
): Promise<TTrainingSession> {
  await d.db.transaction(async (tx) => {
    const { s, team } = await lockSession(tx, sessionId);
    requireKeeper(viewer, team);
    const sessionHours = toHours(s.minutes);
    attendance.forEach((a, i) => {
      if (a.hours !== undefined && a.hours > sessionHours) {
        const path = `body.attendance.${i}.hours`;
        const message = `不能超过本次训练时长 ${sessionHours} 小时 / at most the session's ${sessionHours} h`;
        throw new AppError('request.invalid', `${path}: ${message}`, [{ path, message }]);
      }
    });
    const ids = attendance.map((a) => a.memberId);
    const known =
      ids.length === 0
        ? []
        : await tx
            .select({ id: forcesMembers.id })
            .from(forcesMembers)
            .where(and(inArray(forcesMembers.id, ids), eq(forcesMembers.teamId, s.teamId)));
    const strangers = ids.filter((id) => !known.some((k) => k.id === id));
    if (strangers.length > 0)
      throw new AppError('forces.attendee_not_member', strangers.join(', '));
    await tx.delete(forcesTrainingAttendance).where(eq(forcesTrainingAttendance.sessionId, s.id));
    await tx.delete(forcesServiceHours).where(eq(forcesServiceHours.sessionId, s.id));
    const now = registryNow(d);
    const rows = attendance.map((a) => ({
      memberId: a.memberId,
      minutes: a.hours === undefined ? s.minutes : toMinutes(a.hours),
    }));
    if (rows.length > 0) {
      await tx
        .insert(forcesTrainingAttendance)
        .values(rows.map((r) => ({ ...r, sessionId: s.id })));
      await tx.insert(forcesServiceHours).values(
        rows.map((r) => ({
          id: newId(),
          memberId: r.memberId,
          teamId: s.teamId,
          kind: s.kind === 'joint_drill' ? 'drill' : 'training',
          minutes: r.minutes,
          occurredOn: s.heldOn,
          sourceKey: `session:${s.id}:${r.memberId}`,
          sessionId: s.id,
          exercise: false,
          drillRunId: s.drillRunId,
          createdAt: now,
        })),
      );
    }
    const hours = toHours(rows.reduce((n, r) => n + r.minutes, 0));
    await recordChange(d, tx, {
      actor: viewer.accountId,
      action: 'forces.training.attendance_recorded',
      subjectType: 'training_session',
      subjectId: s.id,
      events: [
        {
          type: 'forces.training.attendance_recorded',
          actor: viewer.accountId,
          data: { teamId: s.teamId, sessionId: s.id, attendees: rows.length, hours },
        },
      ],
      detail: { teamId: s.teamId, attendees: rows.length },
    });
    await refreshReadiness(d, tx, s.teamId, now, viewer.accountId);
  });
  return one(d, sessionId);
}

/** The office scores a team's performance; nobody scores their own team (four eyes). */
export async function evaluateSession(
  d: ForcesDeps,
  viewer: Viewer,
  sessionId: string,
  b: { score: number; note?: string | undefined },
): Promise<TTrainingSession> {
  await d.db.transaction(async (tx) => {
    const { s, team } = await lockSession(tx, sessionId);
    requireIndependentReviewer(viewer, team);
    const now = registryNow(d);
    await tx
      .update(forcesTrainingSessions)
      .set({
        score: b.score,
        evaluationNote: b.note ?? null,
        evaluatedAt: now,
        evaluatedBy: viewer.accountId,
      })
      .where(eq(forcesTrainingSessions.id, s.id));
    await recordChange(d, tx, {
      actor: viewer.accountId,
      action: 'forces.training.evaluated',
      subjectType: 'training_session',
      subjectId: s.id,
      events: [
        {
          type: 'forces.training.evaluated',
          actor: viewer.accountId,
          data: { teamId: s.teamId, sessionId: s.id, score: b.score },
        },
      ],
      detail: { teamId: s.teamId, score: b.score },
    });
    await refreshReadiness(d, tx, s.teamId, now, viewer.accountId);
  });
  return one(d, sessionId);
}

/** A team's sessions, latest held first; who attended only for the office and the team itself. */
export async function listSessions(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ items: TTrainingSession[]; nextCursor: string | null }> {
  await visibleTeam(d, viewer, teamId);
  const t = forcesTrainingSessions;
  const after = q.cursor
    ? sql`(${t.heldOn}, ${t.id}) < (select held_on, id from forces_training_sessions where id = ${q.cursor})`
    : undefined;
  const rows = await d.db
    .select()
    .from(t)
    .where(and(eq(t.teamId, teamId), after))
    .orderBy(desc(t.heldOn), desc(t.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const insider =
    ['admin', 'duty_officer', 'commander'].includes(viewer.role) || viewer.teamId === teamId;
  return {
    items: await sessionsOut(d.db, page, insider),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
