import { and, eq, inArray, ne } from 'drizzle-orm';
import { AppError, type TFieldIssue, type TStandDownRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { grants } from '../../platform/access/grants.ts';
import { eventMeta, recordNow, type CallupContext } from './callup-deps.ts';
import { loadCallup, type AssignmentRow } from './callup-store.ts';
import { forcesCallupAssignments, type StandDownRecord } from './callup-tables.ts';
import { forcesMembers } from './tables.ts';

const HOUR_MS = 3_600_000;
/** A stand-down time this far ahead of the clock is a typo, not a plan. */
const FUTURE_SLACK_MS = 60_000;

const invalid = (issues: TFieldIssue[]): AppError =>
  new AppError('request.invalid', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

/** When the team's service on this call-up began: its check-in, else its acceptance. */
export const serviceStart = (a: AssignmentRow): Date =>
  a.checkedInAt ?? a.answeredAt ?? a.alertedAt;

/** Hours between two instants, to the hundredth. */
const hoursBetween = (from: Date, to: Date): number =>
  Math.max(0, Math.round(((to.getTime() - from.getTime()) / HOUR_MS) * 100) / 100);

/** Members that are not on the team's roll, as field issues of `body.<path>.<i>`. */
export async function foreignMembers(
  tx: Tx,
  teamId: string,
  ids: readonly string[],
  path: (i: number) => string,
): Promise<TFieldIssue[]> {
  if (ids.length === 0) return [];
  const found = await tx
    .select({ id: forcesMembers.id })
    .from(forcesMembers)
    .where(and(eq(forcesMembers.teamId, teamId), inArray(forcesMembers.id, [...ids])));
  const ours = new Set(found.map((m) => m.id));
  return ids.flatMap((id, i) =>
    ours.has(id)
      ? []
      : [{ path: path(i), message: '不是本队名册上的队员 / not a member on the team’s roll' }],
  );
}

/**
 * Stands a deployed team down (the assignment locked): records hours per member, equipment and
 * expenses, emits `forces.callup.stood_down` with the order's terms (service hours, call-up
 * compensation), and ends the team's deployment grant unless it still serves another call-up of
 * the same incident. Hours default to the members named at check-in or acceptance, from then to
 * the stand-down; a commander who states hours states them for everyone.
 */
export async function standDownAssignment(
  c: CallupContext,
  tx: Tx,
  a: AssignmentRow,
  o: { actor: string; at?: Date; body?: TStandDownRequest },
): Promise<void> {
  if (a.status !== 'accepted') throw new AppError('forces.not_deployed', a.status);
  const now = recordNow(c, a);
  const start = serviceStart(a);
  const requested = o.body?.at ? new Date(o.body.at) : (o.at ?? now);
  const issues: TFieldIssue[] = [];
  if (o.body?.at && requested < start)
    issues.push({
      path: 'body.at',
      message: `不能早于报到或接受时间 ${start.toISOString()} / not before check-in or acceptance`,
    });
  if (o.body?.at && requested.getTime() > now.getTime() + FUTURE_SLACK_MS)
    issues.push({ path: 'body.at', message: '不能晚于当前时间 / not in the future' });
  const at = requested < start ? start : requested;
  const stated = o.body?.people;
  if (stated)
    issues.push(
      ...(await foreignMembers(
        tx,
        a.teamId,
        stated.map((p) => p.memberId),
        (i) => `body.people.${i}.memberId`,
      )),
    );
  else if (o.body && a.memberIds.length === 0)
    issues.push({
      path: 'body.people',
      message:
        '接受和报到时都未列出队员，请写明每位队员的时数 / no members were named at acceptance or check-in: state each member’s hours',
    });
  if (issues.length > 0) throw invalid(issues);

  const hours = hoursBetween(start, at);
  const record: StandDownRecord = {
    people: stated ?? a.memberIds.map((memberId) => ({ memberId, hours })),
    equipment: o.body?.equipment ?? [],
    expenses: o.body?.expenses ?? [],
  };
  await tx
    .update(forcesCallupAssignments)
    .set({
      status: 'stood_down',
      deployment: null,
      stoodDownAt: at,
      stoodDownBy: o.actor,
      standDown: record,
      updatedAt: now,
    })
    .where(eq(forcesCallupAssignments.id, a.id));
  const callup = await loadCallup(tx, a.callupId);
  await c.outbox.append(tx, [
    {
      type: 'forces.callup.stood_down',
      ...eventMeta(o.actor, a),
      data: {
        callupId: a.callupId,
        incidentId: a.incidentId,
        teamId: a.teamId,
        deployedAt: (a.answeredAt ?? a.alertedAt).toISOString(),
        stoodDownAt: at.toISOString(),
        ...record,
        terms: callup.terms,
      },
    },
  ]);
  const stillServing = await tx
    .select({ id: forcesCallupAssignments.id })
    .from(forcesCallupAssignments)
    .where(
      and(
        eq(forcesCallupAssignments.teamId, a.teamId),
        eq(forcesCallupAssignments.incidentId, a.incidentId),
        eq(forcesCallupAssignments.status, 'accepted'),
        ne(forcesCallupAssignments.id, a.id),
      ),
    )
    .limit(1);
  if (stillServing.length === 0)
    await grants.end(tx, {
      kind: 'deployment',
      incidentId: a.incidentId,
      teamId: a.teamId,
      at: now,
    });
  c.matching.touched(a.teamId);
}
