import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import {
  AppError,
  type Capability,
  type TMember,
  type TTeam,
  type TeamReadiness,
  type TeamStatus,
} from '@muster/contracts';
import type { AnyViewer, Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { loadMembers } from './member-service.ts';
import { projectMembers, projectTeams } from './projection.ts';
import { loadTeams } from './team-reader.ts';
import { forcesCapabilities, forcesTeams } from './tables.ts';
import { registryNow } from './calendar.ts';

/** The office sees filings at every stage; everyone else sees approved teams and their own. */
export function visibility(viewer: AnyViewer): SQL | undefined {
  if (viewer.kind === 'account' && ['admin', 'duty_officer', 'commander'].includes(viewer.role))
    return undefined;
  const approved = eq(forcesTeams.status, 'approved');
  return viewer.kind === 'account' && viewer.teamId
    ? or(approved, eq(forcesTeams.id, viewer.teamId))
    : approved;
}

export async function listTeams(
  d: ForcesDeps,
  viewer: AnyViewer,
  q: {
    limit: number;
    cursor?: string | undefined;
    status?: TeamStatus | undefined;
    capability?: Capability | undefined;
    readiness?: TeamReadiness | undefined;
  },
): Promise<{ items: TTeam[]; nextCursor: string | null }> {
  const where = and(
    visibility(viewer),
    q.status ? eq(forcesTeams.status, q.status) : undefined,
    q.readiness ? eq(forcesTeams.readiness, q.readiness) : undefined,
    q.cursor ? gt(forcesTeams.id, q.cursor) : undefined,
    q.capability
      ? inArray(
          forcesTeams.id,
          d.db
            .select({ id: forcesCapabilities.teamId })
            .from(forcesCapabilities)
            .where(eq(forcesCapabilities.capability, q.capability)),
        )
      : undefined,
  );
  const rows = await d.db
    .select()
    .from(forcesTeams)
    .where(where)
    .orderBy(asc(forcesTeams.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const items = await projectTeams(d, viewer, await loadTeams(d.db, page, registryNow(d)));
  return { items, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
}

/** One team the viewer may see; a team they may not see is reported as not found. */
export async function visibleTeam(d: ForcesDeps, viewer: AnyViewer, id: string): Promise<TTeam> {
  const rows = await d.db
    .select()
    .from(forcesTeams)
    .where(and(eq(forcesTeams.id, id), visibility(viewer)))
    .limit(1);
  const [team] = await loadTeams(d.db, rows, registryNow(d));
  if (!team) throw new AppError('forces.team_not_found', id);
  return team;
}

export async function getTeam(d: ForcesDeps, viewer: AnyViewer, id: string): Promise<TTeam> {
  const [out] = await projectTeams(d, viewer, [await visibleTeam(d, viewer, id)]);
  return out!;
}

export async function listMembers(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
): Promise<{ items: TMember[] }> {
  await visibleTeam(d, viewer, teamId);
  const members = await loadMembers(d, d.db, [teamId], 'team');
  return { items: await projectMembers(d, viewer, members) };
}

/** Exact look-up of an ID number through its HMAC index; the look-up itself is audited. */
export async function lookupMember(
  d: ForcesDeps,
  viewer: Viewer,
  idNumber: string,
): Promise<{ items: TMember[] }> {
  const members = await loadMembers(d, d.db, [d.sealer.index(idNumber)], 'idNumberIndex');
  await d.audit.append({
    actor: viewer.accountId,
    action: 'forces.member.looked_up',
    subjectType: 'member',
    field: 'idNumber',
    detail: { found: members.length },
  });
  return { items: await projectMembers(d, viewer, members) };
}
