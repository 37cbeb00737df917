import { and, count, desc, eq, gt, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { AppError, EXERCISE_LABEL, type TForcesIncident, type TMyCallup } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { CallupContext } from './callup-deps.ts';
import { forcesCallupAssignments, forcesCallups, forcesIncidents } from './callup-tables.ts';
import { boardRowOf, summaryOf } from './callup-views.ts';
import type { IncidentRow } from './callup-store.ts';

const A = forcesCallupAssignments;

function stateFilter(state: 'waiting' | 'active' | 'past' | 'all', now: Date): SQL | undefined {
  switch (state) {
    case 'waiting':
      return and(eq(A.status, 'alerted'), gt(A.ackDeadline, now));
    case 'active':
      return eq(A.status, 'accepted');
    case 'past':
      return inArray(A.status, ['declined', 'timed_out', 'withdrawn', 'stood_down']);
    case 'all':
      return undefined;
  }
}

/**
 * The team portal: the viewer's own team's call-ups, newest first, each with the order's terms
 * and the team's place on it; exercise call-ups are labelled 演练. Other teams never appear.
 */
export async function myCallups(
  c: CallupContext,
  viewer: Viewer,
  q: { limit: number; cursor?: string | undefined; state: 'waiting' | 'active' | 'past' | 'all' },
): Promise<{ items: TMyCallup[]; nextCursor: string | null; waiting: number }> {
  const teamId = viewer.teamId;
  if (!teamId || (viewer.role !== 'team_leader' && viewer.role !== 'team_member'))
    throw new AppError('auth.forbidden');
  const now = c.clock.now();
  const [rows, [waiting]] = await Promise.all([
    c.db
      .select({ a: A, callup: forcesCallups, title: forcesIncidents.title })
      .from(A)
      .innerJoin(forcesCallups, eq(forcesCallups.id, A.callupId))
      .leftJoin(forcesIncidents, eq(forcesIncidents.id, A.incidentId))
      .where(
        and(
          eq(A.teamId, teamId),
          stateFilter(q.state, now),
          q.cursor ? lt(A.id, q.cursor) : undefined,
        ),
      )
      .orderBy(desc(A.id))
      .limit(q.limit + 1),
    c.db
      .select({ n: count() })
      .from(A)
      .where(and(eq(A.teamId, teamId), stateFilter('waiting', now))),
  ]);
  const page = rows.slice(0, q.limit);
  const items = page.map(({ a, callup, title }): TMyCallup => {
    const { needs: _n, filled: _f, ...order } = summaryOf(callup, title, []);
    const { leader: _l, ...row } = boardRowOf(a, undefined);
    return {
      callup: order,
      row,
      label: callup.exercise ? EXERCISE_LABEL.zh : null,
      awaitingAnswer: a.status === 'alerted' && a.ackDeadline > now && callup.status === 'open',
    };
  });
  return {
    items,
    nextCursor: rows.length > q.limit ? (page.at(-1)?.a.id ?? null) : null,
    waiting: waiting?.n ?? 0,
  };
}

function incidentOf(r: IncidentRow): TForcesIncident {
  return {
    id: r.id,
    title: r.title,
    category: r.category as TForcesIncident['category'],
    grade: r.grade as TForcesIncident['grade'],
    level: r.level as TForcesIncident['level'],
    commanderAccountId: r.commanderAccountId,
    status: r.status as TForcesIncident['status'],
    exercise: r.exercise,
    drillRunId: r.drillRunId,
    location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
    reportedAt: r.reportedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

/** Incidents forces knows (reported), newest first: what call-ups can be ordered for. */
export async function listForcesIncidents(
  c: CallupContext,
  q: { limit: number; cursor?: string | undefined; status?: 'open' | 'closed' | undefined },
): Promise<{ items: TForcesIncident[]; nextCursor: string | null }> {
  const I = forcesIncidents;
  const rows = await c.db
    .select()
    .from(I)
    .where(
      and(
        isNotNull(I.reportedAt),
        q.status ? eq(I.status, q.status) : undefined,
        q.cursor ? lt(I.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(I.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(incidentOf),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
