import { inArray } from 'drizzle-orm';
import { ZCallupBoardRow, type TCallupBoardRow } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { project } from '../../platform/access/policy.ts';
import { deploymentsOfTeams } from '../../platform/access/grants.ts';
import type { AuditInput } from '../../platform/access/audit-writer.ts';
import type { AnyViewer } from '../../platform/access/viewer.ts';
import type { CallupDeps } from './callup-deps.ts';
import type { AssignmentRow } from './callup-store.ts';
import { boardRowOf, type TeamFace } from './callup-views.ts';
import { forcesTeams } from './tables.ts';

/** Names and leaders of the given teams, from the registry (read only). */
export async function teamFaces(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, TeamFace>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: forcesTeams.id,
      name: forcesTeams.name,
      leaderAccountId: forcesTeams.leaderAccountId,
      leaderName: forcesTeams.leaderName,
      leaderPhone: forcesTeams.leaderPhone,
    })
    .from(forcesTeams)
    .where(inArray(forcesTeams.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Board rows through the one policy for this viewer, the incident as the purpose: the leader's
 * contact is whole for a duty officer, and for a commander of the incident while the team is
 * deployed to it (its active deployment grant); masked for other commanders; dropped for
 * departments and observers. Whole views of sensitive fields are audited (none here today:
 * contacts are not sensitive, but the rule holds if a row grows one).
 */
export async function projectBoard(
  d: Pick<CallupDeps, 'db' | 'audit'>,
  viewer: AnyViewer,
  incidentId: string,
  rows: readonly AssignmentRow[],
): Promise<TCallupBoardRow[]> {
  const teams = rows.map((r) => r.teamId);
  const [faces, deployed] = await Promise.all([
    teamFaces(d.db, teams),
    deploymentsOfTeams(d.db, teams),
  ]);
  const views: AuditInput[] = [];
  const out = rows.map((a) => {
    const face = faces.get(a.teamId);
    const p = project(ZCallupBoardRow, boardRowOf(a, face), {
      viewer,
      purpose: { incidentId },
      subjectOf: (_obj, path) =>
        path === 'leader'
          ? {
              type: 'team',
              id: a.teamId,
              teamId: a.teamId,
              isLeader: true,
              accountId: face?.leaderAccountId ?? null,
              deployedTo: deployed.get(a.teamId) ?? new Set<string>(),
            }
          : undefined,
    });
    views.push(...p.views);
    return p.value;
  });
  if (views.length > 0) await d.audit.append(views);
  return out;
}
