import { and, eq, ne, sql } from 'drizzle-orm';
import { AppError, type TCallupAnswerRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { grants } from '../../platform/access/grants.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { auditCallup } from './callup-audit.ts';
import { eventMeta, recordNow, type CallupContext } from './callup-deps.ts';
import {
  assignmentsOf,
  isFilled,
  lockAssignment,
  lockCallup,
  progressOf,
  requireOpenCallup,
  type AssignmentRow,
  type CallupRow,
} from './callup-store.ts';
import { forcesCallupAssignments, forcesCallups } from './callup-tables.ts';
import { foreignMembers } from './deployment-stand-down.ts';
import { fillOutstanding } from './dispatch-service.ts';
import type { MatchingIndex } from './matching.ts';

/** What an answer already given means for this one: the same again, or a contradiction. */
function repeatOrRefuse(a: AssignmentRow, b: TCallupAnswerRequest): boolean {
  const same =
    b.answer === 'accept'
      ? a.status === 'accepted' || a.status === 'stood_down'
      : a.status === 'declined';
  if (same) return true;
  switch (a.status) {
    case 'alerted':
      return false;
    case 'timed_out':
      throw new AppError('forces.ack_deadline_passed', a.ackDeadline.toISOString());
    case 'withdrawn':
      throw new AppError('forces.callup_closed');
    default:
      throw new AppError('forces.already_answered', a.status);
  }
}

/**
 * A team may serve one incident at a time: a real call-up gives way only to the team's real
 * deployments (a drill yields to the real thing); an exercise to any deployment. Serialised per
 * team by an advisory lock, so two call-ups of different incidents cannot both take the team.
 */
async function requireFree(tx: Tx, a: AssignmentRow): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`forces.team:${a.teamId}`}))`);
  const busy = await tx
    .select({ incidentId: forcesCallupAssignments.incidentId })
    .from(forcesCallupAssignments)
    .where(
      and(
        eq(forcesCallupAssignments.teamId, a.teamId),
        eq(forcesCallupAssignments.status, 'accepted'),
        ne(forcesCallupAssignments.incidentId, a.incidentId),
        a.exercise ? undefined : eq(forcesCallupAssignments.exercise, false),
      ),
    )
    .limit(1);
  if (busy[0]) throw new AppError('forces.deployed_elsewhere', busy[0].incidentId);
}

async function accept(
  c: CallupContext,
  tx: Tx,
  viewer: Viewer,
  callup: CallupRow,
  a: AssignmentRow,
  b: Extract<TCallupAnswerRequest, { answer: 'accept' }>,
  now: Date,
): Promise<void> {
  const memberIds = b.memberIds ?? [];
  const issues = await foreignMembers(tx, a.teamId, memberIds, (i) => `body.memberIds.${i}`);
  if (issues.length > 0)
    throw new AppError('request.invalid', issues.map((i) => i.path).join(', '), issues);
  await requireFree(tx, a);
  // Conditional on the row still being alerted: with the locks held this always matches, and
  // without them a second answer would still change nothing.
  const done = await tx
    .update(forcesCallupAssignments)
    .set({
      status: 'accepted',
      answeredAt: now,
      answeredBy: viewer.accountId,
      people: b.people,
      memberIds,
      updatedAt: now,
    })
    .where(and(eq(forcesCallupAssignments.id, a.id), eq(forcesCallupAssignments.status, 'alerted')))
    .returning({ id: forcesCallupAssignments.id });
  if (done.length === 0) throw new AppError('forces.already_answered', 'accepted');
  await grants.grant(tx, {
    kind: 'deployment',
    incidentId: a.incidentId,
    teamId: a.teamId,
    at: now,
  });
  const meta = eventMeta(viewer.accountId, a);
  await c.outbox.append(tx, [
    {
      type: 'forces.callup.accepted',
      ...meta,
      data: {
        callupId: a.callupId,
        incidentId: a.incidentId,
        teamId: a.teamId,
        acceptedAt: now.toISOString(),
        people: b.people,
      },
    },
  ]);
  if (!callup.filledAt && isFilled(progressOf(callup, await assignmentsOf(tx, callup.id)))) {
    await tx
      .update(forcesCallups)
      .set({ filledAt: now, updatedAt: now })
      .where(eq(forcesCallups.id, callup.id));
    await c.outbox.append(tx, [
      {
        type: 'forces.callup.filled',
        ...meta,
        data: { callupId: callup.id, incidentId: callup.incidentId, at: now.toISOString() },
      },
    ]);
  }
  c.matching.touched(a.teamId);
}

async function decline(
  c: CallupContext,
  tx: Tx,
  viewer: Viewer,
  callup: CallupRow,
  a: AssignmentRow,
  reason: string,
  now: Date,
  index: MatchingIndex,
): Promise<void> {
  await tx
    .update(forcesCallupAssignments)
    .set({
      status: 'declined',
      answeredAt: now,
      answeredBy: viewer.accountId,
      declineReason: reason,
      updatedAt: now,
    })
    .where(
      and(eq(forcesCallupAssignments.id, a.id), eq(forcesCallupAssignments.status, 'alerted')),
    );
  await c.outbox.append(tx, [
    {
      type: 'forces.callup.declined',
      ...eventMeta(viewer.accountId, a),
      data: {
        callupId: a.callupId,
        incidentId: a.incidentId,
        teamId: a.teamId,
        declinedAt: now.toISOString(),
        reason,
        timeout: false,
      },
    },
  ]);
  if (callup.autoEscalate)
    await fillOutstanding(c, tx, callup, index, {
      actor: 'system',
      replacing: [{ capability: a.capability, teamId: a.teamId }],
    });
}

/**
 * The team leader answers an alert. The call-up row is locked first, then the team's row, so
 * answers from any number of requests and instances queue; the first changes the board and the
 * rest find it answered: the same answer again is a no-op (200, counted once), a different one
 * is refused. A decline escalates to the next eligible team when the order says so.
 */
export async function answerCallup(
  c: CallupContext,
  viewer: Viewer,
  callupId: string,
  teamId: string,
  b: TCallupAnswerRequest,
): Promise<void> {
  if (viewer.role !== 'team_leader' || viewer.teamId !== teamId)
    throw new AppError('forces.not_your_team');
  const index = b.answer === 'decline' ? await c.matching.index() : undefined;
  await c.db.transaction(async (tx) => {
    const callup = await lockCallup(tx, callupId);
    const a = await lockAssignment(tx, callupId, teamId);
    if (repeatOrRefuse(a, b)) return;
    requireOpenCallup(callup);
    const now = recordNow(c, a);
    if (now >= a.ackDeadline)
      throw new AppError('forces.ack_deadline_passed', a.ackDeadline.toISOString());
    if (b.answer === 'accept') await accept(c, tx, viewer, callup, a, b, now);
    else await decline(c, tx, viewer, callup, a, b.reason, now, index!);
    await auditCallup(c, tx, {
      actor: viewer.accountId,
      action: `forces.callup.${b.answer === 'accept' ? 'accepted' : 'declined'}`,
      callupId,
      incidentId: a.incidentId,
      detail: { teamId },
    });
  });
}
