import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sum } from 'drizzle-orm';
import {
  AppError,
  ZMemberHours,
  type ServiceHourKind,
  type THoursTotals,
  type TMemberHours,
  type TTeamHours,
} from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { visibleTeam } from './read-service.ts';
import { projectEach } from './projection.ts';
import { toHours } from './training-service.ts';
import { forcesMembers, forcesServiceHours } from './tables.ts';

type Minutes = Record<ServiceHourKind, number>;
const zero = (): Minutes => ({ deployment: 0, drill: 0, training: 0 });
function totals(m: Minutes): THoursTotals {
  return {
    deployment: toHours(m.deployment),
    drill: toHours(m.drill),
    training: toHours(m.training),
    total: toHours(m.deployment + m.drill + m.training),
  };
}

/**
 * Whose rows of a team's hours a viewer sees: the office, commanders and the team's leader see
 * every member (names per the policy); a member of the team sees their own; anyone else who may
 * see the team sees its totals only.
 */
function rowsFor(viewer: Viewer, teamId: string): 'all' | 'own' | 'none' {
  if (['admin', 'duty_officer', 'commander'].includes(viewer.role)) return 'all';
  if (viewer.teamId !== teamId) return 'none';
  return viewer.role === 'team_leader' ? 'all' : 'own';
}

/** Per-member and team totals over an optional day range, projected for the viewer. */
export async function teamHours(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<TTeamHours> {
  await visibleTeam(d, viewer, teamId);
  const h = forcesServiceHours;
  const sums = await d.db
    .select({ memberId: h.memberId, kind: h.kind, minutes: sum(h.minutes).mapWith(Number) })
    .from(h)
    .where(
      and(
        eq(h.teamId, teamId),
        q.from ? gte(h.occurredOn, q.from) : undefined,
        q.to ? lte(h.occurredOn, q.to) : undefined,
      ),
    )
    .groupBy(h.memberId, h.kind);
  const byMember = new Map<string, Minutes>();
  const team = zero();
  for (const s of sums) {
    const m = byMember.get(s.memberId) ?? zero();
    m[s.kind as ServiceHourKind] += s.minutes;
    team[s.kind as ServiceHourKind] += s.minutes;
    byMember.set(s.memberId, m);
  }
  const scope = rowsFor(viewer, teamId);
  // Members on the roll, and those who left but earned hours in the range.
  const members =
    scope === 'none'
      ? []
      : await d.db
          .select()
          .from(forcesMembers)
          .where(
            and(
              eq(forcesMembers.teamId, teamId),
              or(
                isNull(forcesMembers.leftAt),
                byMember.size > 0 ? inArray(forcesMembers.id, [...byMember.keys()]) : undefined,
              ),
              scope === 'own' ? eq(forcesMembers.accountId, viewer.accountId) : undefined,
            ),
          )
          .orderBy(forcesMembers.name, forcesMembers.id);
  const rows: TMemberHours[] = members.map((m) => ({
    memberId: m.id,
    teamId,
    accountId: m.accountId,
    name: m.name,
    left: m.leftAt !== null,
    totals: totals(byMember.get(m.id) ?? zero()),
  }));
  return {
    teamId,
    from: q.from ?? null,
    to: q.to ?? null,
    totals: totals(team),
    // Names are contact information, shown per the policy.
    members: await projectEach(d, viewer, ZMemberHours, rows, (r) => ({
      type: 'member',
      id: r.memberId,
      teamId: r.teamId,
      accountId: r.accountId,
    })),
  };
}

/** A member's own entries, newest first, across the teams they served in. */
export async function ownHours(
  d: ForcesDeps,
  viewer: Viewer,
  q: { limit: number; cursor?: string | undefined },
) {
  const mine = await d.db
    .select({ id: forcesMembers.id })
    .from(forcesMembers)
    .where(eq(forcesMembers.accountId, viewer.accountId));
  if (mine.length === 0) throw new AppError('forces.member_not_linked');
  const ids = mine.map((m) => m.id);
  const h = forcesServiceHours;
  const [sums, rows] = await Promise.all([
    d.db
      .select({ kind: h.kind, minutes: sum(h.minutes).mapWith(Number) })
      .from(h)
      .where(inArray(h.memberId, ids))
      .groupBy(h.kind),
    d.db
      .select()
      .from(h)
      .where(and(inArray(h.memberId, ids), q.cursor ? lt(h.id, q.cursor) : undefined))
      .orderBy(desc(h.id))
      .limit(q.limit + 1),
  ]);
  const m = zero();
  for (const s of sums) m[s.kind as ServiceHourKind] += s.minutes;
  const page = rows.slice(0, q.limit);
  return {
    totals: totals(m),
    items: page.map((r) => ({
      id: r.id,
      memberId: r.memberId,
      teamId: r.teamId,
      kind: r.kind as ServiceHourKind,
      hours: toHours(r.minutes),
      occurredOn: r.occurredOn,
      sessionId: r.sessionId,
      callupId: r.callupId,
      incidentId: r.incidentId,
      exercise: r.exercise,
    })),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
