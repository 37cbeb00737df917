import { and, asc, gt } from 'drizzle-orm';
import { AppError, SEARCH_LIMITS, type TTeam, type TTeamSearchFilter } from '@muster/contracts';
import type { AnyViewer, Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { registryNow } from './calendar.ts';
import { projectTeams } from './projection.ts';
import { visibility } from './read-service.ts';
import { inArea, searchConditions } from './search-filters.ts';
import { loadTeams, type TeamRow } from './team-reader.ts';
import { forcesTeams } from './tables.ts';

/** Rows read per round while filling a page: the exact area test may drop some of them. */
const SCAN_BATCH = 500;

interface Hit {
  row: TeamRow;
  distanceKm?: number;
}

/**
 * Finds up to `want` teams after `cursor` (id order) that pass every filter: the database checks
 * what it can (a bounding box stands in for the area), then the exact area test runs here. Reads
 * in batches until the page is full or the register is done.
 */
async function scan(
  d: ForcesDeps,
  viewer: AnyViewer,
  q: TTeamSearchFilter,
  cursor: string | undefined,
  want: number,
): Promise<Hit[]> {
  const hits: Hit[] = [];
  const conditions = [visibility(viewer), ...searchConditions(q)];
  let after = cursor;
  for (;;) {
    const rows = await d.db
      .select()
      .from(forcesTeams)
      .where(and(...conditions, after ? gt(forcesTeams.id, after) : undefined))
      .orderBy(asc(forcesTeams.id))
      .limit(q.area ? SCAN_BATCH : want - hits.length);
    for (const row of rows) {
      const found = q.area ? inArea(q.area, row.baseLon, row.baseLat) : true;
      if (found === undefined) continue;
      hits.push(
        typeof found === 'number' ? { row, distanceKm: Math.round(found * 100) / 100 } : { row },
      );
      if (hits.length >= want) return hits;
    }
    if (!q.area || rows.length < SCAN_BATCH) return hits;
    after = rows.at(-1)?.id;
  }
}

async function teamsOf(d: ForcesDeps, viewer: AnyViewer, hits: readonly Hit[]) {
  const teams = await projectTeams(
    d,
    viewer,
    await loadTeams(
      d.db,
      hits.map((h) => h.row),
      registryNow(d),
    ),
  );
  return teams.map((t, i) => {
    const km = hits[i]?.distanceKm;
    return km === undefined ? t : { ...t, distanceKm: km };
  });
}

/** One page of the search, projected for the viewer. */
export async function searchTeams(
  d: ForcesDeps,
  viewer: AnyViewer,
  q: TTeamSearchFilter & { limit: number; cursor?: string | undefined },
): Promise<{ items: (TTeam & { distanceKm?: number })[]; nextCursor: string | null }> {
  const hits = await scan(d, viewer, q, q.cursor, q.limit + 1);
  const page = hits.slice(0, q.limit);
  return {
    items: await teamsOf(d, viewer, page),
    nextCursor: hits.length > q.limit ? (page.at(-1)?.row.id ?? null) : null,
  };
}

/**
 * Every team the search finds, projected like the JSON (for the CSV export). Refuses rather than
 * truncates past `SEARCH_LIMITS.exportRows`; the export itself is audited with its filters'
 * shape and row count (never a value typed into them).
 */
export async function searchAll(
  d: ForcesDeps,
  viewer: Viewer,
  q: TTeamSearchFilter,
): Promise<(TTeam & { distanceKm?: number })[]> {
  const hits = await scan(d, viewer, q, undefined, SEARCH_LIMITS.exportRows + 1);
  if (hits.length > SEARCH_LIMITS.exportRows)
    throw new AppError('forces.export_too_large', String(SEARCH_LIMITS.exportRows));
  const out = await teamsOf(d, viewer, hits);
  await d.audit.append({
    actor: viewer.accountId,
    action: 'forces.teams.exported',
    subjectType: 'team',
    detail: {
      rows: out.length,
      capabilities: q.capabilities?.length ?? 0,
      statuses: q.statuses?.join(',') ?? null,
      readiness: q.readiness?.join(',') ?? null,
      area: q.area?.type ?? null,
      insuredOn: q.insuredOn ?? null,
    },
  });
  return out;
}
