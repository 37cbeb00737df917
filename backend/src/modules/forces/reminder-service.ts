import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import { AppError, ZReminder, type TReminder } from '@muster/contracts';
import { projectEach } from './projection.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { registryToday } from './calendar.ts';
import { forcesMembers, forcesReminders, forcesTeams } from './tables.ts';

/**
 * Open reminders (not closed, expiry not yet passed), soonest first. The office sees every team's
 * (or one team's); a team leader sees their own team's only.
 */
export async function listReminders(
  d: ForcesDeps,
  viewer: Viewer,
  q: { teamId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: TReminder[]; nextCursor: string | null }> {
  let teamId = q.teamId;
  if (viewer.role === 'team_leader') {
    if (!viewer.teamId || (teamId && teamId !== viewer.teamId))
      throw new AppError('forces.not_your_team');
    teamId = viewer.teamId;
  }
  const r = forcesReminders;
  const after = q.cursor
    ? sql`(${r.dueOn}, ${r.id}) > (select due_on, id from forces_reminders where id = ${q.cursor})`
    : undefined;
  const rows = await d.db
    .select({
      reminder: r,
      teamName: forcesTeams.name,
      memberName: forcesMembers.name,
      accountId: forcesMembers.accountId,
    })
    .from(r)
    .innerJoin(forcesTeams, eq(forcesTeams.id, r.teamId))
    .leftJoin(forcesMembers, eq(forcesMembers.id, r.memberId))
    .where(
      and(
        isNull(r.closedAt),
        gte(r.dueOn, registryToday(d)),
        teamId ? eq(r.teamId, teamId) : undefined,
        after,
      ),
    )
    .orderBy(asc(r.dueOn), asc(r.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const values = page.map(({ reminder: x, teamName, memberName, accountId }) => ({
    accountId,
    value: {
      id: x.id,
      teamId: x.teamId,
      teamName,
      kind: x.kind as TReminder['kind'],
      itemId: x.itemId,
      memberId: x.memberId,
      ...(memberName ? { memberName } : {}),
      label: x.label,
      dueOn: x.dueOn,
      thresholdDays: x.thresholdDays,
      raisedAt: x.raisedAt.toISOString(),
    } satisfies TReminder,
  }));
  const accountOf = new Map(values.map((v) => [v.value, v.accountId]));
  // A certificate's reminder names its holder: shown per the policy, as on the roll.
  const items = await projectEach(
    d,
    viewer,
    ZReminder,
    values.map((v) => v.value),
    (v) => ({
      type: 'member',
      id: v.memberId ?? v.teamId,
      teamId: v.teamId,
      accountId: accountOf.get(v) ?? null,
    }),
  );
  return { items, nextCursor: rows.length > q.limit ? (page.at(-1)?.reminder.id ?? null) : null };
}
