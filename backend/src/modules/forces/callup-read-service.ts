import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import {
  AppError,
  MATCHING_LIMITS,
  type Capability,
  type TCallup,
  type TCallupBoardRow,
  type TCallupSummary,
  type TMatchResult,
  type TCallupPreviewRequest,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { AnyViewer, Viewer } from '../../platform/access/viewer.ts';
import type { CallupContext } from './callup-deps.ts';
import {
  assignmentsOf,
  knownIncident,
  loadCallup,
  needsOf,
  requireIncidentAuthority,
  type AssignmentRow,
} from './callup-store.ts';
import { forcesCallupAssignments, forcesCallups, forcesIncidents } from './callup-tables.ts';
import { summaryOf } from './callup-views.ts';
import { projectBoard } from './callup-projection.ts';

async function titles(db: Executor, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: forcesIncidents.id, title: forcesIncidents.title })
    .from(forcesIncidents)
    .where(inArray(forcesIncidents.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** One call-up with its board, projected for the viewer. */
export async function getCallup(c: CallupContext, viewer: AnyViewer, id: string): Promise<TCallup> {
  const callup = await loadCallup(c.db, id);
  const [board, names] = await Promise.all([
    assignmentsOf(c.db, id),
    titles(c.db, [callup.incidentId]),
  ]);
  return {
    ...summaryOf(callup, names.get(callup.incidentId) ?? null, board),
    board: await projectBoard(c, viewer, callup.incidentId, board),
  };
}

/** One team's row on a call-up, projected for the viewer (the answer to a team action). */
export async function teamRow(
  c: CallupContext,
  viewer: AnyViewer,
  callupId: string,
  teamId: string,
): Promise<TCallupBoardRow> {
  const callup = await loadCallup(c.db, callupId);
  const row = (await assignmentsOf(c.db, callupId)).filter((a) => a.teamId === teamId);
  const [out] = await projectBoard(c, viewer, callup.incidentId, row);
  if (!out) throw new AppError('forces.no_alert');
  return out;
}

export async function listCallups(
  c: CallupContext,
  q: {
    limit: number;
    cursor?: string | undefined;
    incidentId?: string | undefined;
    status?: string | undefined;
  },
): Promise<{ items: TCallupSummary[]; nextCursor: string | null }> {
  const rows = await c.db
    .select()
    .from(forcesCallups)
    .where(
      and(
        q.incidentId ? eq(forcesCallups.incidentId, q.incidentId) : undefined,
        q.status ? eq(forcesCallups.status, q.status) : undefined,
        q.cursor ? lt(forcesCallups.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(forcesCallups.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const [boards, names] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([] as AssignmentRow[])
      : c.db
          .select()
          .from(forcesCallupAssignments)
          .where(inArray(forcesCallupAssignments.callupId, ids)),
    titles(
      c.db,
      page.map((r) => r.incidentId),
    ),
  ]);
  return {
    items: page.map((r) =>
      summaryOf(
        r,
        names.get(r.incidentId) ?? null,
        boards.filter((a) => a.callupId === r.id),
      ),
    ),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Teams that could still be alerted for a call-up, best first, with the nearest left out and
 * why; teams already on its board are not offered again. Whoever may dispatch may look.
 */
export async function callupCandidates(
  c: CallupContext,
  viewer: Viewer,
  id: string,
  q: { capability?: Capability | undefined; explain: boolean },
): Promise<TMatchResult> {
  const callup = await loadCallup(c.db, id);
  requireIncidentAuthority(viewer, await knownIncident(c.db, callup.incidentId));
  const onBoard = new Set((await assignmentsOf(c.db, id)).map((a) => a.teamId));
  const need = q.capability ? callup.needs.find((n) => n.capability === q.capability) : undefined;
  if (q.capability && !need) {
    const issue = {
      path: 'query.capability',
      message: '本调用令不需要该能力 / not a need of this call-up',
    };
    throw new AppError('request.invalid', `${issue.path}: ${issue.message}`, [issue]);
  }
  const index = await c.matching.index();
  const wanted =
    (need ? need.count : callup.needs.reduce((n, x) => n + x.count, 0)) *
    MATCHING_LIMITS.candidatesPerNeeded;
  const r = index.match(needsOf(callup, need), {
    limit: wanted + onBoard.size,
    explain: q.explain,
  });
  return {
    candidates: r.candidates.filter((x) => !onBoard.has(x.teamId)),
    excluded: r.excluded,
  };
}

/** Matching before an order exists, for the officer drafting it. */
export async function previewCallup(
  c: CallupContext,
  viewer: Viewer,
  b: TCallupPreviewRequest,
): Promise<TMatchResult> {
  requireIncidentAuthority(viewer, await knownIncident(c.db, b.incidentId));
  const index = await c.matching.index();
  return index.match(
    {
      incidentId: b.incidentId,
      capabilities: b.needs,
      rallyPoint: { lon: b.rallyPoint.lon, lat: b.rallyPoint.lat },
      window: b.window,
      insuranceRequired: b.insuranceRequired,
      ...(b.maxDistanceKm !== undefined ? { maxDistanceKm: b.maxDistanceKm } : {}),
    },
    { explain: true },
  );
}
